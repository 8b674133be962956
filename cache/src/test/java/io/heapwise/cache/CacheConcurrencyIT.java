package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * 16 threads x 100,000 mixed put / get / invalidate (and a pressure source flipping levels): no
 * write is lost, every value written is either live at the end or was removed exactly once with a
 * cause, and the weight the cache reports equals the sum of its live entries' weights.
 */
class CacheConcurrencyIT {

  private static final int THREADS = 16;
  private static final int OPS = 100_000;
  private static final int KEYS_PER_THREAD = 512;

  /** A value with a unique id, so that each write can be traced to where it went. */
  record Value(long id, int payloadBytes) {}

  private static final Sizer<Value> VALUE = value -> 24 + Sizers.align(16 + value.payloadBytes());

  @Test
  void noLostWritesEveryRemovalHasACauseAndWeightIsExact() throws Exception {
    Map<Long, RemovalCause> removed = new ConcurrentHashMap<>();
    AtomicReference<String> doubleRemoval = new AtomicReference<>();
    Map<RemovalCause, LongAdder> byCause = new EnumMap<>(RemovalCause.class);
    for (RemovalCause cause : RemovalCause.values()) {
      byCause.put(cause, new LongAdder());
    }
    long budget = 2L << 20; // well below what the threads write: SIZE evictions happen
    MemoryAwareCache<Long, Value> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("concurrency").maxBytes(budget).build(),
            Sizers.<Long>boxed(),
            VALUE,
            (key, value, cause) -> {
              if (removed.putIfAbsent(value.id(), cause) != null) {
                doubleRemoval.compareAndSet(null, "value " + value.id() + " removed twice");
              }
              byCause.get(cause).increment();
            });
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(cache);

    AtomicLong ids = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Map<Long, Value>> lastWritten = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    LongAdder writes = new LongAdder();
    for (int t = 0; t < THREADS; t++) {
      long firstKey = (long) t * KEYS_PER_THREAD;
      Map<Long, Value> mine = new ConcurrentHashMap<>(); // read by the main thread after join
      lastWritten.add(mine);
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  SplittableRandom random = new SplittableRandom(id);
                  for (int i = 0; i < OPS; i++) {
                    // Each thread writes only its own keys, so "the last value written" is defined;
                    // all threads share the cache, its buffers and its eviction.
                    long key = firstKey + random.nextInt(KEYS_PER_THREAD);
                    int op = random.nextInt(100);
                    if (op < 45) {
                      Value value = new Value(ids.incrementAndGet(), random.nextInt(4_000));
                      assertThat(cache.put(key, value)).isEqualTo(PutOutcome.STORED);
                      mine.put(key, value);
                      writes.increment();
                    } else if (op < 90) {
                      Value seen = cache.getIfPresent(key);
                      Value expected = mine.get(key);
                      if (seen != null
                          && !seen.equals(expected)) { // ids are unique: equal means same write
                        throw new AssertionError(
                            "key " + key + ": read " + seen + " but last wrote " + expected);
                      }
                    } else {
                      cache.invalidate(key);
                      mine.remove(key);
                    }
                    if (id == 0 && i % 10_000 == 5_000) {
                      pressure.set(
                          i % 20_000 == 5_000 ? MemoryPressure.CRITICAL : MemoryPressure.NORMAL);
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "cache-it-" + t);
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    pressure.set(MemoryPressure.NORMAL);
    cache.cleanUp();
    // EXPLICIT and REPLACED are told on the common pool, after the removal.
    assertThat(ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS)).isTrue();

    assertThat(failure.get()).isNull();
    assertThat(doubleRemoval.get()).isNull();

    // No lost writes: each key's last written value is live, or was evicted with a cause.
    long live = 0;
    for (Map<Long, Value> mine : lastWritten) {
      for (Map.Entry<Long, Value> entry : mine.entrySet()) {
        Value inCache = cache.getIfPresent(entry.getKey());
        if (inCache != null) {
          assertThat(inCache).isSameAs(entry.getValue());
          assertThat(removed).doesNotContainKey(inCache.id());
          live++;
        } else {
          assertThat(removed.get(entry.getValue().id()))
              .as("key %d: last value %s is gone", entry.getKey(), entry.getValue())
              .isIn(RemovalCause.SIZE, RemovalCause.PRESSURE, RemovalCause.EXPIRED);
        }
      }
    }
    // Conservation: every value written is live or was removed exactly once.
    assertThat(live).isEqualTo(cache.asMap().size());
    assertThat(removed.size() + live).isEqualTo(writes.sum());
    assertThat(removed.size()).isEqualTo(ids.get() - live);

    // The listener and the stats agree on evictions; pressure and size both happened.
    CacheStats stats = cache.stats();
    long listenerEvictions =
        byCause.get(RemovalCause.SIZE).sum()
            + byCause.get(RemovalCause.PRESSURE).sum()
            + byCause.get(RemovalCause.EXPIRED).sum();
    assertThat(
            stats.evictions(EvictionCause.SIZE)
                + stats.evictions(EvictionCause.PRESSURE)
                + stats.evictions(EvictionCause.EXPIRED))
        .isEqualTo(listenerEvictions);
    assertThat(byCause.get(RemovalCause.PRESSURE).sum()).isPositive();
    assertThat(byCause.get(RemovalCause.SIZE).sum()).isPositive();
    assertThat(byCause.get(RemovalCause.REPLACED).sum()).isPositive();
    assertThat(byCause.get(RemovalCause.EXPLICIT).sum()).isPositive();

    // Weighted size equals the sum of the live entries' weights, within the budget.
    long sum = 0;
    for (Map.Entry<Long, Value> entry : cache.asMap().entrySet()) {
      sum += MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24 + VALUE.sizeOf(entry.getValue());
    }
    assertThat(cache.estimatedBytes()).isEqualTo(sum).isLessThanOrEqualTo(cache.budget());
  }
}
