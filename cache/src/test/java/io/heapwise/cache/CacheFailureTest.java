package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Null arguments, failing loaders and failing sizers: clear errors, nothing half-written. */
class CacheFailureTest {

  private static MemoryAwareCache<String, String> cache(Sizer<String> valueSizer) {
    return MemoryAwareCache.create(
        CacheConfig.builder("fail").maxBytes(1 << 20).recordStats(true).build(),
        Sizers.string(),
        valueSizer);
  }

  @Test
  void nullKeysAndValuesAreRejectedSayingWhich() {
    MemoryAwareCache<String, String> cache = cache(Sizers.string());
    assertThatThrownBy(() -> cache.put(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cache 'fail': key must not be null");
    assertThatThrownBy(() -> cache.put("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cache 'fail': value for key k must not be null");
    assertThatThrownBy(() -> cache.getIfPresent(null)).hasMessageContaining("key must not be null");
    assertThatThrownBy(() -> cache.get(null, k -> "v")).hasMessageContaining("key must not");
    assertThatThrownBy(() -> cache.get("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cache 'fail': loader must not be null");
    assertThatThrownBy(() -> cache.invalidate(null)).hasMessageContaining("key must not be null");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("n", null);
    assertThatThrownBy(() -> cache.putAll(withNull))
        .hasMessage("cache 'fail': value for key n must not be null");
    assertThat(cache.asMap()).isEmpty();
    assertThat(cache.estimatedBytes()).isZero();
  }

  @Test
  void aThrowingLoaderPropagatesCachesNothingAndIsCounted() {
    MemoryAwareCache<String, String> cache = cache(Sizers.string());
    IllegalStateException boom = new IllegalStateException("backend down");
    assertThatThrownBy(
            () ->
                cache.get(
                    "k",
                    k -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(cache.getIfPresent("k")).isNull();
    assertThat(cache.asMap()).isEmpty();
    assertThat(cache.estimatedBytes()).isZero();
    assertThat(cache.get("k", k -> "loaded")).isEqualTo("loaded");
    assertThat(cache.get("n", k -> null)).isNull();
    assertThat(cache.asMap()).containsOnlyKeys("k");

    CacheStats stats = cache.stats();
    assertThat(stats.loads()).isEqualTo(3);
    assertThat(stats.loadFailures()).isEqualTo(2); // the throw, and the null
    assertThat(stats.hits()).isZero();
    assertThat(stats.misses()).isEqualTo(4); // 3 loads and the getIfPresent
  }

  @Test
  void aThrowingSizerFailsThatPutNamingCacheAndKeyAndLeavesTheCacheConsistent() {
    Sizer<String> picky =
        value -> {
          if (value.startsWith("bad")) {
            throw new IllegalArgumentException("cannot size " + value);
          }
          return Sizers.string().sizeOf(value);
        };
    MemoryAwareCache<String, String> cache = cache(picky);
    cache.put("a", "good");
    cache.put("b", "fine");
    long before = cache.estimatedBytes();

    assertThatThrownBy(() -> cache.put("a", "bad value"))
        .isInstanceOf(SizingException.class)
        .hasMessageContaining("cache 'fail'")
        .hasMessageContaining("key a")
        .hasMessageContaining("cannot size bad value")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cache.get("c", k -> "bad loaded")).isInstanceOf(SizingException.class);
    assertThatThrownBy(() -> cache.asMap().put("d", "bad too")).isInstanceOf(SizingException.class);
    assertThatThrownBy(() -> cache.asMap().merge("a", "bad merge", (x, y) -> y))
        .isInstanceOf(SizingException.class);

    cache.cleanUp();
    assertThat(cache.asMap()).containsOnly(Map.entry("a", "good"), Map.entry("b", "fine"));
    assertThat(cache.estimatedBytes()).isEqualTo(before);
    long sum = 0;
    for (Map.Entry<String, String> e : cache.asMap().entrySet()) {
      sum +=
          MemoryAwareCache.ENTRY_OVERHEAD_BYTES
              + Sizers.string().sizeOf(e.getKey())
              + Sizers.string().sizeOf(e.getValue());
    }
    assertThat(cache.estimatedBytes()).isEqualTo(sum);
    assertThat(cache.stats().puts()).isEqualTo(2);
    cache.put("a", "fixed");
    assertThat(cache.getIfPresent("a")).isEqualTo("fixed");
    assertThat(cache.putAll(Collections.singletonMap("e", "ok"))).isZero();
  }

  @Test
  void statsCountHitRateWhenRecordedAndAreOffByDefault() {
    MemoryAwareCache<String, String> cache = cache(Sizers.string());
    assertThat(cache.stats().hitRate()).isEqualTo(1.0);
    cache.put("k", "v");
    cache.getIfPresent("k");
    cache.getIfPresent("k");
    cache.getIfPresent("k");
    cache.getIfPresent("x");
    assertThat(cache.stats().hitRate()).isEqualTo(0.75);

    MemoryAwareCache<String, String> quiet =
        MemoryAwareCache.create(
            CacheConfig.builder("quiet").maxBytes(1 << 20).build(), // record-stats off by default
            Sizers.string(),
            Sizers.string());
    quiet.put("k", "v");
    quiet.getIfPresent("k");
    quiet.get("y", k -> "loaded");
    // Refusals are an outcome, not a stat: counted with record-stats off too.
    assertThat(quiet.put("big", "x".repeat(200_000))).isEqualTo(PutOutcome.REFUSED_TOO_LARGE);
    CacheStats stats = quiet.stats();
    assertThat(stats.hits()).isZero();
    assertThat(stats.misses()).isZero();
    assertThat(stats.loads()).isZero();
    assertThat(stats.puts()).isZero();
    assertThat(stats.refused()).isEqualTo(1);
    assertThat(stats.entries()).isEqualTo(2);
  }
}
