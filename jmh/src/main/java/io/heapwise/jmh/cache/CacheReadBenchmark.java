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
 * Read-only, Zipfian keys, every read a hit. Goal: at least 0.9x raw Caffeine's throughput (same
 * weigher and maximum weight) and 0 B/op. The steps in between (+TTL, +stats, +scheduler: the
 * second baseline, Caffeine with heapwise's features) show what each feature costs in Caffeine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CacheReadBenchmark {

  private CacheFixture fixture;

  @Setup
  public void setUp() {
    fixture = new CacheFixture();
  }

  @Benchmark
  @Baseline
  public byte[] caffeineRead(KeyCursor cursor) {
    return fixture.caffeine.getIfPresent(fixture.key(cursor.next()));
  }

  /** + expiry after write (4 h): Caffeine then reads the ticker on every hit. */
  @Benchmark
  public byte[] caffeineTtlRead(KeyCursor cursor) {
    return fixture.caffeineTtl.getIfPresent(fixture.key(cursor.next()));
  }

  /** + recordStats: a LongAdder increment per hit. */
  @Benchmark
  public byte[] caffeineTtlStatsRead(KeyCursor cursor) {
    return fixture.caffeineTtlStats.getIfPresent(fixture.key(cursor.next()));
  }

  /** + scheduler: Caffeine configured as heapwise configures it, the second baseline. */
  @Benchmark
  public byte[] caffeineWithTtlAndStatsRead(KeyCursor cursor) {
    return fixture.caffeineLikeHeapwise.getIfPresent(fixture.key(cursor.next()));
  }

  @Benchmark
  public byte[] heapwiseRead(KeyCursor cursor) {
    return fixture.heapwise.getIfPresent(fixture.key(cursor.next()));
  }

  /** heapwise with record-stats=false: no hit counting at all. */
  @Benchmark
  public byte[] heapwiseNoStatsRead(KeyCursor cursor) {
    return fixture.heapwiseNoStats.getIfPresent(fixture.key(cursor.next()));
  }
}
