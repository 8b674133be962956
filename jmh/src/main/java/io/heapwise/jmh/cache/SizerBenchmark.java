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
  private String kibUtf16String;
  private String shortString;
  private Cache<Long, String> caffeine;
  private MemoryAwareCache<Long, String> heapwise;
  private long key;

  @Setup
  public void setUp() {
    kibString = "x".repeat(1024);
    kibUtf16String = "x".repeat(1023) + "€";
    shortString = "expert-response-0042";
    caffeine = Caffeine.newBuilder().maximumSize(1_000).build();
    heapwise =
        MemoryAwareCache.create(
            CacheConfig.builder("bench").maxBytes(2L << 20).build(),
            Sizers.<Long>boxed(),
            Sizers.string());
  }

  /** A 1 KiB Latin-1 string: the whole string is scanned. Goal: at most 50 ns. */
  @Benchmark
  public long stringSizerOneKib() {
    return stringSizer.sizeOf(kibString);
  }

  /** A 1 KiB string whose last char is UTF-16: the worst case, found at the very end. */
  @Benchmark
  public long stringSizerOneKibUtf16() {
    return stringSizer.sizeOf(kibUtf16String);
  }

  /** A 20-char string: scanned with charAt, no allocation. */
  @Benchmark
  public long stringSizerShort() {
    return stringSizer.sizeOf(shortString);
  }

  /** The char-by-char scan the built-in sizer replaced, for comparison. */
  @Benchmark
  public long charAtScanOneKib() {
    String value = kibString;
    int widest = 0;
    for (int i = 0; i < value.length(); i++) {
      widest |= value.charAt(i);
    }
    return widest > 0xFF ? 2L * value.length() : value.length();
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
