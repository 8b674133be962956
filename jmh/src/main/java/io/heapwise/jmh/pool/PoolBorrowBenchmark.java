package io.heapwise.jmh.pool;

import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.Headline;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.Pooled;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import stormpot.Pool;

/**
 * Same-thread borrow, two field writes, consume, release: heapwise against {@code new}, Stormpot
 * 3.2, Commons Pool 2 and Netty's Recycler, with 128- and 256-byte objects. Every pool holds 64
 * pre-filled objects and is shared by all benchmark threads; {@link PoolBorrowTwoThreadsBenchmark}
 * runs the same methods on 2 threads. Run with {@code -prof gc} to read {@code gc.alloc.rate.norm}
 * (bytes per operation).
 */
@Headline("pool borrow + release, 1 thread")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PoolBorrowBenchmark {

  @Param({"128", "256"})
  int bytes;

  private boolean small;
  private ObjectPool<Payload128> heapwise128;
  private ObjectPool<Payload256> heapwise256;
  private ObjectPool<Payload128> heapwiseReset128;
  private Pool<Payload128> stormpot128;
  private Pool<Payload256> stormpot256;
  private GenericObjectPool<Payload128> commons128;
  private GenericObjectPool<Payload256> commons256;
  private Recycler<Payload128> recycler128;
  private Recycler<Payload256> recycler256;

  @Setup(Level.Trial)
  public void setUp() {
    small = bytes == 128;
    heapwise128 = Strategies.heapwise128();
    heapwise256 = Strategies.heapwise256();
    heapwiseReset128 = Strategies.heapwiseReset128();
    stormpot128 = Strategies.stormpot128();
    stormpot256 = Strategies.stormpot256();
    commons128 = Strategies.commons128();
    commons256 = Strategies.commons256();
    recycler128 = Strategies.recycler128();
    recycler256 = Strategies.recycler256();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    heapwise128.close();
    heapwise256.close();
    heapwiseReset128.close();
    stormpot128.shutdown().await(Strategies.TIMEOUT);
    stormpot256.shutdown().await(Strategies.TIMEOUT);
    commons128.close();
    commons256.close();
  }

  /**
   * The baseline: allocate, write, consume; the GC does the rest. The object itself is returned
   * (and so consumed by JMH): otherwise escape analysis removes the allocation altogether, which a
   * real request object that is stored or passed on would not allow.
   */
  @Benchmark
  @Baseline
  public Object plainNew() {
    if (small) {
      Payload128 object = new Payload128(null);
      object.touch(42);
      return object;
    }
    Payload256 object = new Payload256(null);
    object.touch(42);
    return object;
  }

  @Benchmark
  public long heapwise() {
    if (small) {
      try (Pooled<Payload128> handle = heapwise128.borrow()) {
        Payload128 object = handle.get();
        object.touch(42);
        return object.sum();
      }
    }
    try (Pooled<Payload256> handle = heapwise256.borrow()) {
      Payload256 object = handle.get();
      object.touch(42);
      return object.sum();
    }
  }

  /** heapwise with a reset hook (clears the fields on release), as the demo uses it. */
  @Benchmark
  public long heapwiseWithReset() {
    try (Pooled<Payload128> handle = heapwiseReset128.borrow()) {
      Payload128 object = handle.get();
      object.touch(42);
      return object.sum();
    }
  }

  @Benchmark
  public long stormpot() throws InterruptedException {
    if (small) {
      Payload128 object = stormpot128.claim(Strategies.TIMEOUT);
      object.touch(42);
      long sum = object.sum();
      object.release();
      return sum;
    }
    Payload256 object = stormpot256.claim(Strategies.TIMEOUT);
    object.touch(42);
    long sum = object.sum();
    object.release();
    return sum;
  }

  @Benchmark
  public long commonsPool() throws Exception {
    if (small) {
      Payload128 object = commons128.borrowObject();
      object.touch(42);
      long sum = object.sum();
      commons128.returnObject(object);
      return sum;
    }
    Payload256 object = commons256.borrowObject();
    object.touch(42);
    long sum = object.sum();
    commons256.returnObject(object);
    return sum;
  }

  @Benchmark
  public long nettyRecycler() {
    if (small) {
      Payload128 object = recycler128.get();
      object.touch(42);
      long sum = object.sum();
      object.handle.recycle(object);
      return sum;
    }
    Payload256 object = recycler256.get();
    object.touch(42);
    long sum = object.sum();
    object.handle.recycle(object);
    return sum;
  }
}
