package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Writers, readers and pressure changes at once: the weight the cache reports always equals the sum
 * of its entries' weights, and stays within the budget in force once maintenance has run.
 */
class MemoryAwareCacheStressIT {

  private static final List<MemoryPressure> LEVELS =
      List.of(MemoryPressure.NORMAL, MemoryPressure.ELEVATED, MemoryPressure.CRITICAL);

  @Test
  void weightStaysExactAndWithinBudgetUnderConcurrency() throws Exception {
    long budget = 200_000;
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("stress").maxBytes(budget).recordStats(true).build(),
            Sizers.boxed(),
            Sizers.byteArray());
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(cache);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < 50_000; i++) {
                    long key = random.nextLong(2_000);
                    if (random.nextBoolean()) {
                      cache.put(key, new byte[random.nextInt(4_000)]);
                    } else {
                      byte[] value = cache.getIfPresent(key);
                      if (value != null && value.length >= 4_000) {
                        throw new AssertionError("value larger than ever written");
                      }
                    }
                    if (id == 0 && i % 5_000 == 0) {
                      pressure.set(LEVELS.get((i / 5_000) % LEVELS.size()));
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    pressure.set(MemoryPressure.NORMAL);
    cache.cleanUp();

    assertThat(failure.get()).isNull();
    long sum = 0;
    for (var entry : cache.asMap().entrySet()) {
      sum +=
          MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24 + Sizers.byteArray().sizeOf(entry.getValue());
    }
    assertThat(cache.estimatedBytes()).isEqualTo(sum).isLessThanOrEqualTo(budget);
    CacheStats stats = cache.stats();
    assertThat(stats.puts()).isGreaterThan(0);
    assertThat(stats.evictions(EvictionCause.SIZE) + stats.evictions(EvictionCause.PRESSURE))
        .isGreaterThan(0);
  }
}
