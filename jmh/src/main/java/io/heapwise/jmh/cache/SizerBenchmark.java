package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizer;
import io.heapwise.cache.Sizers;
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
 * The cost of weighing: the built-in String sizer on a 1 KiB string, and a put into the byte-budget
 * cache against a put into a plain entry-bounded Caffeine cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SizerBenchmark {

  private final Sizer<String> stringSizer = Sizers.string();
  private String kibString;
  private Cache<Long, String> caffeine;
  private MemoryAwareCache<Long, String> heapwise;
  private long key;

  @Setup
  public void setUp() {
    kibString = "x".repeat(1024);
    caffeine = Caffeine.newBuilder().maximumSize(1_000).build();
    heapwise =
        MemoryAwareCache.create(
            CacheConfig.builder("bench").maxBytes(2L << 20).build(),
            Sizers.<Long>boxed(),
            Sizers.string());
  }

  @Benchmark
  public long stringSizerOneKib() {
    return stringSizer.sizeOf(kibString);
  }

  /** A plain Caffeine cache bounded by entry count: what the byte budget replaces. */
  @Benchmark
  @Baseline
  public Object caffeineMaximumSizePut() {
    caffeine.put(key++ & 4095, kibString);
    return caffeine;
  }

  @Benchmark
  public Object heapwiseByteBudgetPut() {
    heapwise.put(key++ & 4095, kibString);
    return heapwise;
  }
}
