package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import java.time.Duration;

/**
 * The caches the cache benchmarks compare, set up alike: the same weigher (entry overhead, a boxed
 * Long key, a byte[] value) and the same maximum weight, so that every key fits at 80% of it (reads
 * are hits, and Caffeine's frequency sketch, which starts once a cache is half full, is on in all).
 *
 * <p>Two baselines, because they answer different questions. Raw Caffeine (weigher and bound only)
 * is what the goals are stated against: what a user gives up by choosing heapwise over the
 * simplest Caffeine cache. Caffeine with heapwise's features (expiry after write, stats, a
 * scheduler) prices those features in Caffeine itself, so the gap between it and heapwise is
 * heapwise's own wrapper cost. The steps in between show which feature costs what.
 */
final class CacheFixture {

  static final int DISTINCT_KEYS = 1 << 14;
  static final int VALUE_BYTES = 1_000;
  static final int VALUES = 64;
  static final Duration TTL = Duration.ofHours(4);

  final Long[] keys = ZipfKeys.generate(DISTINCT_KEYS, 7);
  final byte[][] values = new byte[VALUES][];
  final long maxBytes;
  final Cache<Long, byte[]> caffeine;
  final Cache<Long, byte[]> caffeineTtl;
  final Cache<Long, byte[]> caffeineTtlStats;
  final Cache<Long, byte[]> caffeineLikeHeapwise;
  final MemoryAwareCache<Long, byte[]> heapwise;
  final MemoryAwareCache<Long, byte[]> heapwiseNoStats;

  CacheFixture() {
    for (int i = 0; i < VALUES; i++) {
      values[i] = new byte[VALUE_BYTES];
    }
    long perEntry =
        MemoryAwareCache.ENTRY_OVERHEAD_BYTES
            + Sizers.<Long>boxed().sizeOf(0L)
            + Sizers.byteArray().sizeOf(values[0]);
    maxBytes = perEntry * DISTINCT_KEYS * 5 / 4;
    caffeine = weighed().build();
    caffeineTtl = weighed().expireAfterWrite(TTL).build();
    caffeineTtlStats = weighed().expireAfterWrite(TTL).recordStats().build();
    // Every feature heapwise turns on in Caffeine, with Caffeine's defaults otherwise: the
    // common-pool executor (heapwise's too) and System.nanoTime() as the expiry clock (heapwise
    // reads a millisecond clock instead; that difference is heapwise's own saving).
    caffeineLikeHeapwise =
        weighed()
            .expireAfterWrite(TTL)
            .recordStats()
            .scheduler(Scheduler.systemScheduler())
            .build();
    heapwise =
        MemoryAwareCache.create(
            CacheConfig.builder("bench").maxBytes(maxBytes).ttl(TTL).build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    heapwiseNoStats =
        MemoryAwareCache.create(
            CacheConfig.builder("bench-nostats")
                .maxBytes(maxBytes)
                .ttl(TTL)
                .recordStats(false)
                .build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    for (long key = 0; key < DISTINCT_KEYS; key++) {
      byte[] value = values[(int) (key % VALUES)];
      caffeine.put(key, value);
      caffeineTtl.put(key, value);
      caffeineTtlStats.put(key, value);
      caffeineLikeHeapwise.put(key, value);
      heapwise.put(key, value);
      heapwiseNoStats.put(key, value);
    }
    caffeine.cleanUp();
    caffeineTtl.cleanUp();
    caffeineTtlStats.cleanUp();
    caffeineLikeHeapwise.cleanUp();
    heapwise.cleanUp();
    heapwiseNoStats.cleanUp();
  }

  /** The key at a cursor position (see {@link KeyCursor#next}). */
  Long key(int position) {
    return keys[position & ZipfKeys.MASK];
  }

  /** The value written at a cursor position. */
  byte[] value(int position) {
    return values[position & (VALUES - 1)];
  }

  private Caffeine<Long, byte[]> weighed() {
    return Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher(
            (Long key, byte[] value) ->
                (int)
                    (MemoryAwareCache.ENTRY_OVERHEAD_BYTES
                        + Sizers.<Long>boxed().sizeOf(key)
                        + Sizers.byteArray().sizeOf(value)));
  }
}
