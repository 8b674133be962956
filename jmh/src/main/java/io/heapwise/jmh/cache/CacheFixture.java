package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The keys, values and caches the cache benchmarks compare, set up alike: the same weigher (entry
 * overhead, a boxed Long key, a byte[] value) and the same maximum weight, so that every key fits
 * at 80% of it (reads are hits, and Caffeine's frequency sketch, which starts once a cache is half
 * full, is on in all).
 *
 * <p>Three baselines, because they answer different questions. Raw Caffeine (weigher and bound
 * only) is what the goals are stated against: what a user gives up by choosing heapwise
 * over the simplest Caffeine cache, and the match for heapwise as configured by default (no stats;
 * its expiry, with its coarse clock, costs a hit nothing measurable). Raw Caffeine with stats is
 * the match for heapwise with {@code record-stats} on. Caffeine with heapwise's features (expiry
 * after write, stats, a scheduler, Caffeine's own clock) prices those features in Caffeine itself.
 * The steps in between show which feature costs what.
 *
 * <p>Each benchmark builds and fills only the cache it measures (see {@link CacheStates}): with all
 * of them built in every fork, the measured cache's 16k entries lay interleaved with five other
 * caches' in the heap, and Caffeine's write path was compiled with the profile of every cache kind.
 *
 * <p>{@value #DEFAULT_KEYS} distinct keys by default (about 1 MB of Caffeine nodes, a core's L2
 * cache here). {@code -jvmArgsPrepend -Dbench.keys=N} sets another count: 1024 keys keep every
 * entry in the L1 and L2 caches, so the scores price the code alone; 262144 keys put most entries
 * out in L3, so they price the entries' size as well. docs/benchmarks.md has all three.
 */
final class CacheFixture {

  static final int DEFAULT_KEYS = 1 << 14;
  static final int DISTINCT_KEYS = keyCount();
  static final int VALUE_BYTES = 1_000;
  static final int VALUES = 64;
  static final Duration TTL = Duration.ofHours(4);

  private static final Long[] KEYS = ZipfKeys.generate(DISTINCT_KEYS, 7);
  private static final byte[][] VALUE_ARRAYS = new byte[VALUES][];

  static {
    for (int i = 0; i < VALUES; i++) {
      VALUE_ARRAYS[i] = new byte[VALUE_BYTES];
    }
  }

  /** Every key fits at 80% of it. */
  static final long MAX_BYTES =
      (MemoryAwareCache.ENTRY_OVERHEAD_BYTES
              + Sizers.<Long>boxed().sizeOf(0L)
              + Sizers.byteArray().sizeOf(VALUE_ARRAYS[0]))
          * DISTINCT_KEYS
          * 5
          / 4;

  private CacheFixture() {}

  private static int keyCount() {
    int keys = Integer.getInteger("bench.keys", DEFAULT_KEYS);
    if (keys < 1) {
      throw new IllegalArgumentException("bench.keys must be at least 1, was " + keys);
    }
    return keys;
  }

  /** The key at a cursor position (see {@link KeyCursor#next}). */
  static Long key(int position) {
    return KEYS[position & ZipfKeys.MASK];
  }

  /** The value written at a cursor position. */
  static byte[] value(int position) {
    return VALUE_ARRAYS[position & (VALUES - 1)];
  }

  /** Raw Caffeine: the weigher and the bound only. */
  static Cache<Long, byte[]> caffeine() {
    return filled(weighed().build());
  }

  /**
   * Raw Caffeine + recordStats: what counting hits costs Caffeine itself (and heapwise, with
   * record-stats on).
   */
  static Cache<Long, byte[]> caffeineStats() {
    return filled(weighed().recordStats().build());
  }

  /** + expiry after write (4 h): Caffeine then reads the ticker on every hit. */
  static Cache<Long, byte[]> caffeineTtl() {
    return filled(weighed().expireAfterWrite(TTL).build());
  }

  /** + recordStats: a LongAdder increment per hit. */
  static Cache<Long, byte[]> caffeineTtlStats() {
    return filled(weighed().expireAfterWrite(TTL).recordStats().build());
  }

  /**
   * Every feature heapwise turns on in Caffeine, with Caffeine's defaults otherwise: the
   * common-pool executor (heapwise's too) and System.nanoTime() as the expiry clock (heapwise reads
   * a coarse clock instead; that difference is heapwise's own saving).
   */
  static Cache<Long, byte[]> caffeineLikeHeapwise() {
    return filled(
        weighed()
            .expireAfterWrite(TTL)
            .recordStats()
            .scheduler(Scheduler.systemScheduler())
            .build());
  }

  static MemoryAwareCache<Long, byte[]> heapwise(boolean recordStats) {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("bench")
                .maxBytes(MAX_BYTES)
                .ttl(TTL)
                .recordStats(recordStats)
                .build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    fill(cache::put);
    cache.cleanUp();
    return cache;
  }

  private static Cache<Long, byte[]> filled(Cache<Long, byte[]> cache) {
    fill(cache::put);
    cache.cleanUp();
    return cache;
  }

  private static void fill(BiConsumer<Long, byte[]> put) {
    for (int key = 0; key < DISTINCT_KEYS; key++) {
      put.accept((long) key, VALUE_ARRAYS[key % VALUES]);
    }
  }

  private static Caffeine<Long, byte[]> weighed() {
    return Caffeine.newBuilder()
        .maximumWeight(MAX_BYTES)
        .weigher(
            (Long key, byte[] value) ->
                (int)
                    (MemoryAwareCache.ENTRY_OVERHEAD_BYTES
                        + Sizers.<Long>boxed().sizeOf(key)
                        + Sizers.byteArray().sizeOf(value)));
  }
}
