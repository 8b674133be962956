package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How the budget shrinks per pressure signal, stops at min-bytes and grows back step by step. */
class CachePressureTest {

  private static final long PER_ENTRY =
      MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24 + Sizers.align(16 + 1000);

  private static MemoryAwareCache<Long, byte[]> filled(CacheConfig.Builder builder, int entries) {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(builder.build(), Sizers.boxed(), Sizers.byteArray());
    for (long key = 0; key < entries; key++) {
      cache.put(key, new byte[1000]);
    }
    cache.cleanUp();
    return cache;
  }

  private static CacheConfig.Builder config() {
    return CacheConfig.builder("p").maxBytes(PER_ENTRY * 100).recoveryInterval(Duration.ZERO);
  }

  @Test
  void eachPressureSignalShrinksByItsShareAndEvictsAsPressure() {
    MemoryAwareCache<Long, byte[]> cache = filled(config(), 100);
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(cache);

    pressure.set(MemoryPressure.ELEVATED); // -20%
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 80);
    assertThat(cache.stats().entries()).isEqualTo(80);
    cache.onPressureSample(MemoryPressure.ELEVATED); // another -20%: of 80 entries
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 64);
    pressure.set(MemoryPressure.CRITICAL); // -50%
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 32);
    pressure.set(MemoryPressure.ELEVATED); // a fall from CRITICAL holds the budget
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 32);

    CacheStats stats = cache.stats();
    assertThat(stats.entries()).isEqualTo(32);
    assertThat(stats.estimatedBytes()).isEqualTo(PER_ENTRY * 32);
    assertThat(stats.evictions(EvictionCause.PRESSURE)).isEqualTo(68);
    assertThat(stats.evictedBytes(EvictionCause.PRESSURE)).isEqualTo(68 * PER_ENTRY);
    assertThat(stats.evictions(EvictionCause.SIZE)).isZero();
    assertThat(stats.currentBudget()).isEqualTo(PER_ENTRY * 32);
    assertThat(stats.configuredBudget()).isEqualTo(PER_ENTRY * 100);
  }

  @Test
  void shrinksFromWhatItHoldsWhenThatIsBelowTheBudget() {
    MemoryAwareCache<Long, byte[]> cache = filled(config(), 10);
    cache.onPressureSample(MemoryPressure.CRITICAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 5);
    assertThat(cache.stats().entries()).isEqualTo(5);
  }

  @Test
  void neverShrinksBelowMinBytes() {
    MemoryAwareCache<Long, byte[]> cache =
        filled(config().minBytes(PER_ENTRY * 30).pressureShrink(0.2, 0.9), 100);
    for (int i = 0; i < 5; i++) {
      cache.onPressureSample(MemoryPressure.CRITICAL);
    }
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 30);
    assertThat(cache.stats().entries()).isEqualTo(30);
  }

  @Test
  void growsBackStepByStepAfterRecoverySamplesNormalSignals() {
    MemoryAwareCache<Long, byte[]> cache = filled(config().recovery(3, 0.1), 100);
    cache.onPressureSample(MemoryPressure.CRITICAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 50);

    cache.onPressureSample(MemoryPressure.NORMAL);
    cache.onPressureSample(MemoryPressure.NORMAL);
    assertThat(cache.budget()).as("two NORMAL signals: not yet").isEqualTo(PER_ENTRY * 50);
    cache.onPressureSample(MemoryPressure.NORMAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 60);
    cache.onPressureSample(MemoryPressure.NORMAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 70);

    cache.onPressureSample(MemoryPressure.ELEVATED); // -20% of 50 held entries, count restarts
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 40);
    cache.onPressureSample(MemoryPressure.NORMAL);
    cache.onPressureSample(MemoryPressure.NORMAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 40);
    for (int i = 0; i < 20; i++) {
      cache.onPressureSample(MemoryPressure.NORMAL);
    }
    assertThat(cache.budget()).as("never above the configured budget").isEqualTo(PER_ENTRY * 100);
    assertThat(cache.stats().evictions(EvictionCause.SIZE)).isZero();
  }

  @Test
  void recoversByItselfWhileNormalWithARecoveryInterval() throws InterruptedException {
    MemoryAwareCache<Long, byte[]> cache =
        filled(config().recovery(2, 0.25).recoveryInterval(Duration.ofMillis(20)), 100);
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(cache);
    pressure.set(MemoryPressure.CRITICAL);
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 50);

    pressure.set(MemoryPressure.NORMAL); // one change: the cache counts the rest itself
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cache.budget() < PER_ENTRY * 100 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(cache.budget()).isEqualTo(PER_ENTRY * 100);
  }

  @Test
  void removalListenerHearsEveryCause() throws InterruptedException {
    List<String> heard = new CopyOnWriteArrayList<>();
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            // long enough that nothing expires before the shrink even on a stalled machine
            config().ttl(Duration.ofSeconds(3)).build(),
            Sizers.boxed(),
            Sizers.byteArray(),
            (key, value, cause) -> heard.add(key + ":" + cause));
    for (long key = 0; key < 100; key++) {
      cache.put(key, new byte[1000]);
    }
    cache.put(0L, new byte[1000]);
    cache.invalidate(1L);
    cache.put(100L, new byte[1000]); // refills the invalidated slot
    cache.put(101L, new byte[1000]); // the budget is full: one SIZE eviction
    cache.cleanUp();
    cache.onPressureSample(MemoryPressure.CRITICAL);
    // EXPLICIT and REPLACED are told on the common pool, after the removal.
    assertThat(ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS)).isTrue();

    assertThat(heard).contains("0:REPLACED", "1:EXPLICIT");
    assertThat(heard.stream().filter(h -> h.endsWith(":SIZE"))).hasSize(1);
    assertThat(heard.stream().filter(h -> h.endsWith(":PRESSURE"))).hasSize(50);
    assertThat(RemovalCause.PRESSURE.wasEvicted()).isTrue();
    assertThat(RemovalCause.REPLACED.wasEvicted()).isFalse();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (cache.stats().entries() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(heard.stream().filter(h -> h.endsWith(":EXPIRED"))).hasSize(50);
    assertThat(cache.stats().evictions(EvictionCause.EXPIRED)).isEqualTo(50);
  }

  @Test
  void aLargeShrinkEvictsInBoundedSteps() {
    List<Long> budgetAtEachEviction = new CopyOnWriteArrayList<>();
    AtomicReference<MemoryAwareCache<Long, byte[]>> self = new AtomicReference<>();
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            config().build(),
            Sizers.boxed(),
            Sizers.byteArray(),
            (key, value, cause) -> budgetAtEachEviction.add(self.get().budget()));
    self.set(cache);
    for (long key = 0; key < 100; key++) {
      cache.put(key, new byte[1000]);
    }
    cache.cleanUp();

    cache.onPressureSample(MemoryPressure.CRITICAL); // 100 entries -> 50

    assertThat(budgetAtEachEviction).hasSize(50);
    Map<Long, Long> evictionsPerStep =
        budgetAtEachEviction.stream()
            .collect(Collectors.groupingBy(budget -> budget, Collectors.counting()));
    assertThat(evictionsPerStep).as("one setMaximum per step").hasSize(5);
    assertThat(evictionsPerStep.values())
        .as("a tenth of what it held, per step")
        .allMatch(n -> n <= 10);
    assertThat(budgetAtEachEviction).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void maintenanceEvictsOffTheWritersThreadAsSizeAndAShrinkOnItsOwnThreadAsPressure()
      throws InterruptedException {
    List<String> heard = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            config().build(),
            Sizers.boxed(),
            Sizers.byteArray(),
            (key, value, cause) ->
                heard.add(cause + (Thread.currentThread() == self ? ":caller" : ":other")));
    for (long key = 0; key < 150; key++) {
      cache.put(key, new byte[1000]);
    }
    // No cleanUp or stats(): those would run the maintenance on this thread.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (heard.size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(heard).hasSize(50).allMatch(h -> h.startsWith("SIZE:"));
    assertThat(heard).as("Caffeine's maintenance runs on the common pool").contains("SIZE:other");

    heard.clear();
    cache.onPressureSample(MemoryPressure.CRITICAL);
    assertThat(heard).hasSize(50).containsOnly("PRESSURE:caller");
    assertThat(cache.stats().evictions(EvictionCause.SIZE)).isEqualTo(50);
    assertThat(cache.stats().evictions(EvictionCause.PRESSURE)).isEqualTo(50);
  }
}
