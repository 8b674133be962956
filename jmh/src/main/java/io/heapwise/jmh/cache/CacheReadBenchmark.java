package io.heapwise.jmh.cache;

import io.heapwise.jmh.report.Baseline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Read-only, Zipfian keys, every read a hit. Goal: at least 0.9x raw Caffeine's throughput (same
 * weigher and maximum weight) and 0 B/op. The steps in between (+TTL, +stats, +scheduler: the
 * second baseline, Caffeine with heapwise's features) show what each feature costs in Caffeine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheReadBenchmark {

  @Benchmark
  @Baseline
  public byte[] caffeineRead(CacheStates.RawCaffeine state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /** Raw Caffeine + recordStats: the baseline of heapwise with record-stats on. */
  @Benchmark
  public byte[] caffeineStatsRead(CacheStates.CaffeineStats state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /** + expiry after write (4 h): Caffeine then reads the ticker on every hit. */
  @Benchmark
  public byte[] caffeineTtlRead(CacheStates.CaffeineTtl state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /** + recordStats: a LongAdder increment per hit. */
  @Benchmark
  public byte[] caffeineTtlStatsRead(CacheStates.CaffeineTtlStats state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /** + scheduler: Caffeine configured as heapwise configures it, the second baseline. */
  @Benchmark
  public byte[] caffeineWithTtlAndStatsRead(
      CacheStates.CaffeineLikeHeapwise state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /**
   * heapwise as configured by default (record-stats off, like raw Caffeine; expiry and its
   * scheduler on, as they always are).
   */
  @Benchmark
  public byte[] heapwiseRead(CacheStates.Heapwise state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }

  /** heapwise with record-stats on; compare with {@link #caffeineStatsRead}. */
  @Benchmark
  public byte[] heapwiseStatsRead(CacheStates.HeapwiseStats state, KeyCursor cursor) {
    return state.cache.getIfPresent(CacheFixture.key(cursor.next()));
  }
}
