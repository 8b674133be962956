package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.Settings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

class MemoryAwareCacheTest {

  static {
    // JOL cannot read some JDK and Caffeine field offsets on JDK 17 without this.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private static final Sizer<byte[]> BYTES = Sizers.byteArray();

  private static MemoryAwareCache<Long, byte[]> cache(long budget) {
    return MemoryAwareCache.create(
        CacheConfig.builder("test").maxBytes(budget).recordStats(true).build(),
        Sizers.boxed(),
        BYTES);
  }

  private static long weight(int valueLength) {
    return MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24 + Sizers.align(16 + valueLength);
  }

  @Test
  void weighsEntriesAndKeepsWithinTheBudget() {
    long perEntry = weight(1000);
    MemoryAwareCache<Long, byte[]> cache = cache(perEntry * 10);
    for (long key = 0; key < 100; key++) {
      assertThat(cache.put(key, new byte[1000])).isEqualTo(PutOutcome.STORED);
    }
    cache.cleanUp();

    CacheStats stats = cache.stats();
    assertThat(stats.estimatedBytes()).isLessThanOrEqualTo(perEntry * 10);
    assertThat(stats.entries()).isBetween(1L, 10L);
    assertThat(stats.estimatedBytes()).isEqualTo(stats.entries() * perEntry);
    assertThat(stats.evictions(EvictionCause.SIZE)).isEqualTo(100 - stats.entries());
    assertThat(stats.evictedBytes(EvictionCause.SIZE))
        .isEqualTo((100 - stats.entries()) * perEntry);
    assertThat(stats.puts()).isEqualTo(100);
  }

  @Test
  void refusesAnEntryAboveMaxEntryBytesAndKeepsThePreviousValue() {
    MemoryAwareCache<Long, byte[]> cache = cache(100_000); // max entry: 10,000 bytes
    byte[] small = new byte[10];
    cache.put(1L, small);

    assertThat(cache.put(1L, new byte[20_000])).isEqualTo(PutOutcome.REFUSED_TOO_LARGE);
    assertThat(cache.getIfPresent(1L)).isSameAs(small);
    assertThatThrownBy(() -> cache.asMap().put(2L, new byte[20_000]))
        .isInstanceOf(EntryTooLargeException.class)
        .hasMessageContaining("'test'")
        .hasMessageContaining("key 2")
        .hasMessageContaining("max-entry-bytes 10000");
    assertThat(cache.asMap()).doesNotContainKey(2L);
    byte[] loaded = cache.get(3L, key -> new byte[50_000]);
    assertThat(loaded).hasSize(50_000);
    assertThat(cache.getIfPresent(3L)).isNull();
    assertThat(cache.stats().refused()).isEqualTo(2);
  }

  @Test
  void loaderResultIsCachedAndCountedAsMissThenHit() {
    MemoryAwareCache<Long, byte[]> cache = cache(1 << 20);
    byte[] value = cache.get(7L, key -> new byte[7]);
    assertThat(cache.get(7L, key -> new byte[99])).isSameAs(value);
    assertThat(cache.stats().hits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);
    assertThat(cache.putAll(Map.of(8L, new byte[1], 9L, new byte[1 << 19]))).isEqualTo(1);
    cache.invalidate(7L);
    assertThat(cache.getIfPresent(7L)).isNull();
    cache.invalidateAll();
    assertThat(cache.asMap()).isEmpty();
  }

  @Test
  void expiresPromptlyWithoutBeingRead() throws InterruptedException {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("ttl").maxBytes(1 << 20).ttl(Duration.ofMillis(50)).build(),
            Sizers.boxed(),
            BYTES);
    cache.put(1L, new byte[10]);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (cache.stats().evictions(EvictionCause.EXPIRED) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(cache.stats().evictions(EvictionCause.EXPIRED)).isEqualTo(1);
    assertThat(cache.stats().entries()).isZero();
  }

  @Test
  void theExpiryClockResolvesTheShorterOfTtlAndIdleTtl() {
    CacheConfig ttlOnly = CacheConfig.builder("c").ttl(Duration.ofHours(4)).build();
    CacheConfig shorterIdle =
        CacheConfig.builder("c").ttl(Duration.ofHours(4)).idleTtl(Duration.ofSeconds(30)).build();
    CacheConfig longerIdle =
        CacheConfig.builder("c").ttl(Duration.ofSeconds(5)).idleTtl(Duration.ofHours(1)).build();

    assertThat(MemoryAwareCache.shortestExpiry(ttlOnly)).isEqualTo(Duration.ofHours(4));
    assertThat(MemoryAwareCache.shortestExpiry(shorterIdle)).isEqualTo(Duration.ofSeconds(30));
    assertThat(MemoryAwareCache.shortestExpiry(longerIdle)).isEqualTo(Duration.ofSeconds(5));
    CacheConfig equal =
        CacheConfig.builder("c").ttl(Duration.ofMinutes(1)).idleTtl(Duration.ofMinutes(1)).build();
    assertThat(MemoryAwareCache.shortestExpiry(equal)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aCacheTimesExpiryWithTheClockItsShortestExpiryNeeds() {
    CacheConfig shortIdle =
        CacheConfig.builder("idle")
            .maxBytes(1 << 20)
            .ttl(Duration.ofHours(4))
            .idleTtl(Duration.ofSeconds(2))
            .build();
    try (MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(shortIdle, Sizers.boxed(), BYTES)) {
      assertThat(cache.clock()).isSameAs(CoarseTicker.forShortestExpiry(Duration.ofSeconds(2)));
      assertThat(cache.clock().resolutionNanos()).isEqualTo(Duration.ofMillis(1).toNanos());
    }
  }

  @Test
  void aTtlLongerThanNanosecondsHoldIsAccepted() {
    CacheConfig forever =
        CacheConfig.builder("forever")
            .maxBytes(1 << 20)
            .ttl(ChronoUnit.FOREVER.getDuration())
            .build();
    try (MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(forever, Sizers.boxed(), BYTES)) {
      cache.put(1L, new byte[10]);
      assertThat(cache.getIfPresent(1L)).hasSize(10);
      assertThat(cache.clock().resolutionNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
    }
  }

  @Test
  void entryOverheadMatchesJolMeasurement() {
    // One cache, measured before and after 10,000 more entries: the walk from it reaches the
    // common pool (Caffeine's executor) and through it much of the JVM, the same before and after,
    // so the growth is the entries' own.
    MemoryAwareCache<Long, byte[]> cache = cache(1L << 30);
    byte[] shared = new byte[8];
    for (long key = 1_000; key < 3_000; key++) {
      cache.put(key, shared);
    }
    cache.cleanUp();
    long before = GraphLayout.parseInstance(cache).totalSize();
    for (long key = 3_000; key < 13_000; key++) {
      cache.put(key, shared);
    }
    cache.cleanUp();
    long keyBytes = 24;
    double perEntry = (GraphLayout.parseInstance(cache).totalSize() - before) / 10_000.0 - keyBytes;

    assertThat(perEntry)
        .as("measured bookkeeping bytes per entry (key excluded, value shared)")
        .isBetween(
            MemoryAwareCache.ENTRY_OVERHEAD_BYTES - 24.0,
            MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24.0);
  }

  @Test
  void builtInSizersMatchJol() {
    for (String text : new String[] {"", "hello", "x".repeat(1024), "ünïcødé€", "日本語のテキスト"}) {
      assertThat(Sizers.string().sizeOf(text))
          .as(text)
          .isEqualTo(GraphLayout.parseInstance(text).totalSize());
    }
    byte[] bytes = new byte[1000];
    assertThat(Sizers.byteArray().sizeOf(bytes))
        .isEqualTo(GraphLayout.parseInstance((Object) bytes).totalSize());
    long[] longs = new long[33];
    assertThat(Sizers.longArray().sizeOf(longs))
        .isEqualTo(GraphLayout.parseInstance((Object) longs).totalSize());
    int[] ints = new int[33];
    assertThat(Sizers.intArray().sizeOf(ints))
        .isEqualTo(GraphLayout.parseInstance((Object) ints).totalSize());
    Long boxed = 123_456L;
    assertThat(Sizers.<Long>boxed().sizeOf(boxed))
        .isEqualTo(GraphLayout.parseInstance(boxed).totalSize());
    ByteBuffer heap = ByteBuffer.allocate(100);
    assertThat(Sizers.byteBuffer().sizeOf(heap))
        .isGreaterThanOrEqualTo(GraphLayout.parseInstance(heap).totalSize() - 8);
    assertThat(Sizers.byteBuffer().sizeOf(ByteBuffer.allocateDirect(1 << 20))).isLessThan(1000);
    assertThatThrownBy(() -> Sizers.fixed(-1)).hasMessageContaining("was -1");
  }

  @Test
  void negativeSizerIsAClearError() {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("neg").maxBytes(1 << 20).build(), Sizers.boxed(), v -> -5);
    assertThatThrownBy(() -> cache.put(1L, new byte[1]))
        .isInstanceOf(SizingException.class)
        .hasMessageContaining("'neg'")
        .hasMessageContaining("key 1")
        .hasMessageContaining("negative size");
    assertThat(cache.asMap()).isEmpty();
  }

  @Test
  void configValidatesEagerlyAndReadsSettings() {
    assertThatThrownBy(() -> CacheConfig.builder("c").maxBytes(0)).hasMessageContaining("was 0");
    assertThatThrownBy(() -> CacheConfig.builder("c").ttl(Duration.ZERO))
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> CacheConfig.builder("c").pressureShrink(0, 0.5))
        .hasMessageContaining("pressure-shrink must be in (0, 1], was 0.0");
    assertThatThrownBy(() -> CacheConfig.builder("c").pressureShrink(0.2, 1.5))
        .hasMessageContaining("critical-shrink must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> CacheConfig.builder("c").minBytes(-1))
        .hasMessageContaining("min-bytes must be 0 or more, was -1");
    assertThatThrownBy(() -> CacheConfig.builder("c").maxBytes(10).minBytes(20).build())
        .hasMessageContaining("min-bytes (20) must not exceed max-bytes (10)");
    assertThatThrownBy(() -> CacheConfig.builder("c").recovery(0, 0.1))
        .hasMessageContaining("recovery-samples must be at least 1, was 0");
    assertThatThrownBy(() -> CacheConfig.builder("c").recovery(1, 0))
        .hasMessageContaining("recovery-step must be in (0, 1], was 0.0");
    assertThatThrownBy(() -> CacheConfig.builder("c").recoveryInterval(Duration.ofSeconds(-1)))
        .hasMessageContaining("recovery-interval must be zero or more, was PT-1S");
    assertThatThrownBy(() -> CacheConfig.builder("c").maxBytes(10).maxEntryBytes(20).build())
        .hasMessageContaining("max-entry-bytes (20)");

    Properties bad = new Properties();
    bad.setProperty("heapwise.cache.r.max-bytes", "lots");
    bad.setProperty("heapwise.cache.r.ttl", "-1s");
    bad.setProperty("heapwise.cache.r.tll", "1h");
    assertThatThrownBy(() -> CacheConfig.fromSettings(Settings.from(bad, new Properties()), "r"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.cache.r.max-bytes")
        .hasMessageContaining("heapwise.cache.r.ttl")
        .hasMessageContaining("tll");

    Properties good = new Properties();
    good.setProperty("heapwise.cache.r.max-bytes", "25%");
    good.setProperty("heapwise.cache.r.ttl", "30m");
    good.setProperty("heapwise.cache.r.idle-ttl", "5m");
    CacheConfig config =
        CacheConfig.fromSettings(
            Settings.from(good, new Properties()).withMaxHeapBytes(1L << 30), "r");
    assertThat(config.maxBytes()).isEqualTo(1L << 28);
    assertThat(config.maxEntryBytes()).isEqualTo((1L << 28) / 10);
    assertThat(config.ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.idleTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.pressureShrink()).isEqualTo(0.2);
    assertThat(config.criticalShrink()).isEqualTo(0.5);
    assertThat(config.minBytes()).isZero();
    assertThat(config.recoverySamples()).isEqualTo(3);
    assertThat(config.recoveryStep()).isEqualTo(0.05);
    assertThat(config.recoveryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.recordStats()).isFalse(); // as in Caffeine: counting costs every hit
    assertThat(CacheConfig.builder("c").build().recordStats()).isFalse();
  }

  @Test
  void readsEveryPressureKeyFromSettingsAndRejectsBadOnes() {
    Properties good = new Properties();
    good.setProperty("heapwise.cache.p.max-bytes", "4MiB");
    good.setProperty("heapwise.cache.p.pressure-shrink", "10%");
    good.setProperty("heapwise.cache.p.critical-shrink", "0.6");
    good.setProperty("heapwise.cache.p.min-bytes", "1MiB");
    good.setProperty("heapwise.cache.p.recovery-samples", "5");
    good.setProperty("heapwise.cache.p.recovery-step", "25%");
    good.setProperty("heapwise.cache.p.recovery-interval", "250ms");
    good.setProperty("heapwise.cache.p.record-stats", "true");
    good.setProperty("heapwise.cache.p.heap-cap", "90%");
    CacheConfig config = CacheConfig.fromSettings(Settings.from(good, new Properties()), "p");
    assertThat(config.maxBytes()).isEqualTo(4L << 20);
    assertThat(config.pressureShrink()).isEqualTo(0.1);
    assertThat(config.criticalShrink()).isEqualTo(0.6);
    assertThat(config.minBytes()).isEqualTo(1L << 20);
    assertThat(config.recoverySamples()).isEqualTo(5);
    assertThat(config.recoveryStep()).isEqualTo(0.25);
    assertThat(config.recoveryInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.recordStats()).isTrue();
    assertThat(config.heapCap()).isEqualTo(0.9);

    Properties bad = new Properties();
    bad.setProperty("heapwise.cache.p.max-bytes", "4MiB");
    bad.setProperty("heapwise.cache.p.pressure-shrink", "0");
    bad.setProperty("heapwise.cache.p.critical-shrink", "150%");
    bad.setProperty("heapwise.cache.p.min-bytes", "8MiB");
    bad.setProperty("heapwise.cache.p.recovery-samples", "0");
    bad.setProperty("heapwise.cache.p.recovery-step", "lots");
    bad.setProperty("heapwise.cache.p.record-stats", "yes");
    bad.setProperty("heapwise.cache.p.heap-cap", "0");
    assertThatThrownBy(() -> CacheConfig.fromSettings(Settings.from(bad, new Properties()), "p"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.cache.p.pressure-shrink")
        .hasMessageContaining("heapwise.cache.p.critical-shrink")
        .hasMessageContaining("heapwise.cache.p.min-bytes")
        .hasMessageContaining("must not exceed max-bytes (4194304 bytes), was 8388608")
        .hasMessageContaining("heapwise.cache.p.recovery-samples")
        .hasMessageContaining("heapwise.cache.p.recovery-step")
        .hasMessageContaining("heapwise.cache.p.record-stats")
        .hasMessageContaining("heapwise.cache.p.heap-cap");
  }

  @Test
  void aBudgetTheHeapCannotHoldIsCappedAtHeapCap() {
    CacheConfig huge = CacheConfig.builder("huge").maxBytes(1L << 30).build();
    assertThat(MemoryAwareCache.ceilingOf(huge, 256L << 20)).isEqualTo(192L << 20);
    assertThat(MemoryAwareCache.ceilingOf(huge, 2L << 30)).isEqualTo(1L << 30);
    CacheConfig uncapped = CacheConfig.builder("uncapped").maxBytes(1L << 30).heapCap(1.0).build();
    assertThat(MemoryAwareCache.ceilingOf(uncapped, 256L << 20)).isEqualTo(256L << 20);

    long maxHeap = Runtime.getRuntime().maxMemory();
    try (MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("capped").maxBytes(maxHeap).heapCap(0.5).build(),
            Sizers.boxed(),
            BYTES)) {
      assertThat(cache.budget()).isEqualTo(maxHeap / 2);
      assertThat(cache.stats().configuredBudget()).isEqualTo(maxHeap / 2);
      assertThatThrownBy(() -> cache.setBudget(maxHeap))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cache 'capped'")
          .hasMessageContaining("was " + maxHeap);
      assertThat(cache.budget()).isEqualTo(maxHeap / 2);
    }
    assertThatThrownBy(() -> CacheConfig.builder("c").heapCap(0))
        .hasMessageContaining("heap-cap must be a share of max heap in (0, 1], was 0.0");
    assertThatThrownBy(() -> CacheConfig.builder("c").heapCap(1.5)).hasMessageContaining("was 1.5");
    assertThatThrownBy(() -> CacheConfig.builder("c").heapCap(Double.NaN))
        .hasMessageContaining("was NaN");
  }
}
