package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import java.time.Duration;

/**
 * The two caches the cache benchmarks compare, set up alike: the same weigher (entry overhead, a
 * boxed Long key, a byte[] value) and the same maximum weight, so that every key fits at 80% of it
 * (reads are hits, and Caffeine's frequency sketch, which starts once a cache is half full, is on
 * in both). Raw Caffeine has only the weigher and the bound; heapwise adds its expiry, scheduler,
 * per-cause stats and pressure hooks, which is what is being priced.
 */
final class CacheFixture {

  static final int DISTINCT_KEYS = 1 << 14;
  static final int VALUE_BYTES = 1_000;
  static final int VALUES = 64;

  final Long[] keys = ZipfKeys.generate(DISTINCT_KEYS, 7);
  final byte[][] values = new byte[VALUES][];
  final long maxBytes;
  final Cache<Long, byte[]> caffeine;
  final Cache<Long, byte[]> caffeineLikeHeapwise;
  final MemoryAwareCache<Long, byte[]> heapwise;

  CacheFixture() {
    for (int i = 0; i < VALUES; i++) {
      values[i] = new byte[VALUE_BYTES];
    }
    long perEntry =
        MemoryAwareCache.ENTRY_OVERHEAD_BYTES
            + Sizers.<Long>boxed().sizeOf(0L)
            + Sizers.byteArray().sizeOf(values[0]);
    maxBytes = perEntry * DISTINCT_KEYS * 5 / 4;
    caffeine =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<Long, byte[]>weigher(
                (key, value) ->
                    (int)
                        (MemoryAwareCache.ENTRY_OVERHEAD_BYTES
                            + Sizers.<Long>boxed().sizeOf(key)
                            + Sizers.byteArray().sizeOf(value)))
            .build();
    // Caffeine with the features heapwise turns on (expiry after write, a scheduler for prompt
    // expiry, stats): shows how much of the gap to raw Caffeine is Caffeine's own price for them.
    caffeineLikeHeapwise =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<Long, byte[]>weigher(
                (key, value) ->
                    (int)
                        (MemoryAwareCache.ENTRY_OVERHEAD_BYTES
                            + Sizers.<Long>boxed().sizeOf(key)
                            + Sizers.byteArray().sizeOf(value)))
            .expireAfterWrite(Duration.ofHours(4))
            .scheduler(Scheduler.systemScheduler())
            .executor(Runnable::run)
            .recordStats()
            .build();
    heapwise =
        MemoryAwareCache.create(
            CacheConfig.builder("bench").maxBytes(maxBytes).build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    for (long key = 0; key < DISTINCT_KEYS; key++) {
      caffeine.put(key, values[(int) (key % VALUES)]);
      caffeineLikeHeapwise.put(key, values[(int) (key % VALUES)]);
      heapwise.put(key, values[(int) (key % VALUES)]);
    }
    caffeine.cleanUp();
    caffeineLikeHeapwise.cleanUp();
    heapwise.cleanUp();
  }
}
