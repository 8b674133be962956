package io.heapwise.jmh.cache;

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
    int position = cursor.next();
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      state.cache.put(key, CacheFixture.value(position));
      return key;
    }
    return state.cache.getIfPresent(key);
  }

  /** Raw Caffeine + recordStats, the same stats heapwise keeps by default (record-stats=true). */
  @Benchmark
  public Object caffeineStatsReadWrite(CacheStates.CaffeineStats state, KeyCursor cursor) {
    int position = cursor.next();
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      state.cache.put(key, CacheFixture.value(position));
      return key;
    }
    return state.cache.getIfPresent(key);
  }

  /** Every feature heapwise turns on in Caffeine: expiry, stats, scheduler (second baseline). */
  @Benchmark
  public Object caffeineWithTtlAndStatsReadWrite(
      CacheStates.CaffeineLikeHeapwise state, KeyCursor cursor) {
    int position = cursor.next();
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      state.cache.put(key, CacheFixture.value(position));
      return key;
    }
    return state.cache.getIfPresent(key);
  }

  @Benchmark
  public Object heapwiseReadWrite(CacheStates.Heapwise state, KeyCursor cursor) {
    int position = cursor.next();
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      return state.cache.put(key, CacheFixture.value(position));
    }
    return state.cache.getIfPresent(key);
  }

  /**
   * heapwise with record-stats=false: no hit or miss counting, like raw Caffeine, which records no
   * stats (heapwise's expiry and scheduler stay on: they cannot be turned off).
   */
  @Benchmark
  public Object heapwiseNoStatsReadWrite(CacheStates.HeapwiseNoStats state, KeyCursor cursor) {
    int position = cursor.next();
    Long key = CacheFixture.key(position);
    if ((position & 3) == 0) {
      return state.cache.put(key, CacheFixture.value(position));
    }
    return state.cache.getIfPresent(key);
  }
}
