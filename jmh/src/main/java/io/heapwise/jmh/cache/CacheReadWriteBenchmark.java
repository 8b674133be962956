package io.heapwise.jmh.cache;

import io.heapwise.jmh.report.Baseline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 75% reads, 25% writes (re-puts of existing keys with preallocated values), Zipfian keys. Goal: at
 * least 0.85x raw Caffeine's throughput (same weigher and maximum weight); Caffeine with heapwise's
 * features (TTL, stats, scheduler) is the second baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CacheReadWriteBenchmark {

  private CacheFixture fixture;

  @Setup
  public void setUp() {
    fixture = new CacheFixture();
  }

  @Benchmark
  @Baseline
  public Object caffeineReadWrite(KeyCursor cursor) {
    int position = cursor.next();
    Long key = fixture.key(position);
    if ((position & 3) == 0) {
      fixture.caffeine.put(key, fixture.value(position));
      return key;
    }
    return fixture.caffeine.getIfPresent(key);
  }

  /** Every feature heapwise turns on in Caffeine: expiry, stats, scheduler (second baseline). */
  @Benchmark
  public Object caffeineWithTtlAndStatsReadWrite(KeyCursor cursor) {
    int position = cursor.next();
    Long key = fixture.key(position);
    if ((position & 3) == 0) {
      fixture.caffeineLikeHeapwise.put(key, fixture.value(position));
      return key;
    }
    return fixture.caffeineLikeHeapwise.getIfPresent(key);
  }

  @Benchmark
  public Object heapwiseReadWrite(KeyCursor cursor) {
    int position = cursor.next();
    Long key = fixture.key(position);
    if ((position & 3) == 0) {
      return fixture.heapwise.put(key, fixture.value(position));
    }
    return fixture.heapwise.getIfPresent(key);
  }
}
