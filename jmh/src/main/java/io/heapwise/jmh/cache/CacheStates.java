package io.heapwise.jmh.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.heapwise.cache.MemoryAwareCache;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One JMH state per compared cache, so that a benchmark's fork builds and fills only the cache it
 * measures (JMH creates the states a benchmark method takes, no others). See {@link CacheFixture}
 * for how the caches are set up alike.
 */
public final class CacheStates {

  private CacheStates() {}

  /** Raw Caffeine, the weigher and the bound only: the baseline of the goals. */
  @State(Scope.Benchmark)
  public static class RawCaffeine {
    Cache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.caffeine();
    }
  }

  /** Raw Caffeine + recordStats. */
  @State(Scope.Benchmark)
  public static class CaffeineStats {
    Cache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.caffeineStats();
    }
  }

  /** Raw Caffeine + expireAfterWrite. */
  @State(Scope.Benchmark)
  public static class CaffeineTtl {
    Cache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.caffeineTtl();
    }
  }

  /** Raw Caffeine + expireAfterWrite + recordStats. */
  @State(Scope.Benchmark)
  public static class CaffeineTtlStats {
    Cache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.caffeineTtlStats();
    }
  }

  /** Caffeine with every feature heapwise turns on in it: the second baseline. */
  @State(Scope.Benchmark)
  public static class CaffeineLikeHeapwise {
    Cache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.caffeineLikeHeapwise();
    }
  }

  /** heapwise as configured by default: record-stats off, like raw Caffeine. */
  @State(Scope.Benchmark)
  public static class Heapwise {
    MemoryAwareCache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.heapwise(false);
    }

    @TearDown
    public void tearDown() {
      cache.close();
    }
  }

  /** heapwise with record-stats on: a LongAdder increment per hit, as Caffeine's recordStats. */
  @State(Scope.Benchmark)
  public static class HeapwiseStats {
    MemoryAwareCache<Long, byte[]> cache;

    @Setup
    public void setUp() {
      cache = CacheFixture.heapwise(true);
    }

    @TearDown
    public void tearDown() {
      cache.close();
    }
  }
}
