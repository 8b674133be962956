package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the cache charges for its contents against what they retain: values of known shape from 1
 * KiB to 100 KiB, weighed by composed sizers, land within 10% of JOL's measurement.
 */
class BudgetAccuracyTest {

  /** A stored response: text, tags, scores and a binary payload. */
  @SuppressWarnings("ArrayRecordComponent") // a value shape to weigh, never compared
  record Response(String text, List<String> tags, Map<String, Long> scores, byte[] payload) {}

  private static final Sizer<Response> RESPONSE =
      Sizers.object(
          SizerCalibration.shallowBytes(Response.class),
          Sizers.field(Response::text, Sizers.string()),
          Sizers.field(Response::tags, Sizers.list(Sizers.string())),
          Sizers.field(Response::scores, Sizers.map(Sizers.string(), Sizers.<Long>boxed())),
          Sizers.field(Response::payload, Sizers.byteArray()));

  private static Response response(SplittableRandom random, int targetBytes) {
    // About a third of the bytes in text (a tenth of it UTF-16), the rest binary; a few small
    // parts.
    int textChars = targetBytes / 3;
    StringBuilder text = new StringBuilder(textChars);
    boolean wide = random.nextInt(10) == 0;
    for (int i = 0; i < textChars; i++) {
      text.append(wide && i == textChars / 2 ? '€' : (char) ('a' + random.nextInt(26)));
    }
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(8); i++) {
      tags.add("tag-" + random.nextInt(1_000_000));
    }
    Map<String, Long> scores = new HashMap<>();
    for (int i = 0; i < random.nextInt(20); i++) {
      scores.put("expert-" + i, 1_000L + random.nextInt(1_000_000));
    }
    return new Response(
        text.toString(),
        new ArrayList<>(tags),
        scores,
        new byte[Math.max(0, targetBytes - textChars * (wide ? 2 : 1) - 600)]);
  }

  @Test
  void estimatedBytesOfContentsAreWithinTenPercentOfJol() {
    MemoryAwareCache<Long, Response> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("accuracy").maxBytes(1L << 30).build(),
            Sizers.<Long>boxed(),
            RESPONSE);
    SplittableRandom random = new SplittableRandom(42);
    List<Object> contents = new ArrayList<>();
    for (long key = 1_000; key < 1_300; key++) {
      int target = 1024 + random.nextInt(99 * 1024 + 1); // 1 KiB .. 100 KiB
      Response value = response(random, target);
      assertThat(cache.put(key, value)).isEqualTo(PutOutcome.STORED);
      contents.add(key);
      contents.add(value);
    }
    cache.cleanUp();

    // JOL over the keys and values themselves (not the list that holds them for the walk).
    long measured =
        SizerCalibration.retainedBytes(contents.toArray())
            - Sizers.align(16 + 4L * contents.size());
    long estimated =
        cache.estimatedBytes() - cache.stats().entries() * MemoryAwareCache.ENTRY_OVERHEAD_BYTES;
    assertThat(cache.stats().entries()).isEqualTo(300);
    assertThat((double) estimated / measured)
        .as("estimated %d B vs JOL %d B", estimated, measured)
        .isCloseTo(1.0, within(0.10));

    // And value by value, the smallest and the largest shapes alike.
    for (int target : new int[] {1024, 10 * 1024, 100 * 1024}) {
      SizerCalibration.Result one = SizerCalibration.measure(RESPONSE, response(random, target));
      assertThat(one.ratio()).as("%d B value: %s", target, one).isCloseTo(1.0, within(0.10));
    }
  }
}
