package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.jmh.report.Baseline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * 75% reads, 25% writes (re-puts of existing keys with preallocated values), Zipfian keys. Goal: at
 * least 0.85x raw Caffeine's throughput (same weigher and maximum weight); Caffeine with heapwise's
 * features (TTL, stats, scheduler) is the second baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheReadWriteBenchmark {

  @Benchmark
  @Baseline
  public Object caffeineReadWrite(CacheStates.RawCaffeine state, KeyCursor cursor) {
    return step(state.cache, cursor.next());
  }

  /** Raw Caffeine + recordStats: the baseline of heapwise with record-stats on. */
  @Benchmark
  public Object caffeineStatsReadWrite(CacheStates.CaffeineStats state, KeyCursor cursor) {
    return step(state.cache, cursor.next());
  }

  /** Every feature heapwise turns on in Caffeine: expiry, stats, scheduler (second baseline). */
  @Benchmark
  public Object caffeineWithTtlAndStatsReadWrite(
      CacheStates.CaffeineLikeHeapwise state, KeyCursor cursor) {
    return step(state.cache, cursor.next());
  }

  /**
   * heapwise as configured by default: record-stats off, like raw Caffeine, which records no stats
   * (heapwise's expiry and scheduler stay on: they cannot be turned off).
   */
  @Benchmark
  public Object heapwiseReadWrite(CacheStates.Heapwise state, KeyCursor cursor) {
    return step(state.cache, cursor.next());
  }

  /** heapwise with record-stats on; compare with {@link #caffeineStatsReadWrite}. */
  @Benchmark
  public Object heapwiseStatsReadWrite(CacheStates.HeapwiseStats state, KeyCursor cursor) {
    return step(state.cache, cursor.next());
  }

  /** One operation on Caffeine: every fourth position a put, otherwise a read. */
  private static Object step(Cache<Long, byte[]> cache, int position) {
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      cache.put(key, CacheFixture.value(position));
      return key;
    }
    return cache.getIfPresent(key);
  }

  /** The same operation on heapwise. */
  private static Object step(MemoryAwareCache<Long, byte[]> cache, int position) {
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      return cache.put(key, CacheFixture.value(position));
    }
    return cache.getIfPresent(key);
  }
}
