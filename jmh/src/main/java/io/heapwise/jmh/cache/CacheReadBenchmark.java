package io.heapwise.jmh.cache;

import io.heapwise.jmh.report.Baseline;
import java.util.concurrent.ThreadLocalRandom;
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

  /** Each thread walks the key sequence from its own start. */
  @State(Scope.Thread)
  public static class Cursor {
    int index;

    @Setup
    public void setUp() {
      index = ThreadLocalRandom.current().nextInt(ZipfKeys.SEQUENCE);
    }
  }

  @Setup
  public void setUp() {
    fixture = new CacheFixture();
  }

  @Benchmark
  @Baseline
  public byte[] caffeineRead(Cursor cursor) {
    return fixture.caffeine.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }

  /** + expiry after write (4 h): Caffeine then reads the ticker on every hit. */
  @Benchmark
  public byte[] caffeineTtlRead(Cursor cursor) {
    return fixture.caffeineTtl.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }

  /** + recordStats: a LongAdder increment per hit. */
  @Benchmark
  public byte[] caffeineTtlStatsRead(Cursor cursor) {
    return fixture.caffeineTtlStats.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }

  /** + scheduler: Caffeine configured as heapwise configures it, the second baseline. */
  @Benchmark
  public byte[] caffeineWithTtlAndStatsRead(Cursor cursor) {
    return fixture.caffeineLikeHeapwise.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }

  @Benchmark
  public byte[] heapwiseRead(Cursor cursor) {
    return fixture.heapwise.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }

  /** heapwise with record-stats=false: no hit counting at all. */
  @Benchmark
  public byte[] heapwiseNoStatsRead(Cursor cursor) {
    return fixture.heapwiseNoStats.getIfPresent(fixture.keys[cursor.index++ & ZipfKeys.MASK]);
  }
}
