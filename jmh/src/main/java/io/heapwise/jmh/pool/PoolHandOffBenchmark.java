package io.heapwise.jmh.pool;

import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.GroupScore;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.Pooled;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;
import stormpot.Pool;

/**
 * Release on another thread: one thread borrows a 128-byte object, writes it and hands it over a
 * bounded SPSC queue; a second thread releases it. Read the {@code borrow} line of each group (its
 * ns/op and {@code gc.alloc.rate.norm}); the {@code release} line counts empty polls too. The
 * queue's own cost is the same for every strategy ({@code plainNew} shows it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Group)
public class PoolHandOffBenchmark {

  private final SpscArrayQueue<Object> handOff = new SpscArrayQueue<>(32);
  private ObjectPool<Payload128> heapwise;
  private Pool<Payload128> stormpot;
  private GenericObjectPool<Payload128> commons;
  private Recycler<Payload128> recycler;

  @Setup(Level.Trial)
  public void setUp() {
    heapwise = Strategies.heapwise128();
    stormpot = Strategies.stormpot128();
    commons = Strategies.commons128();
    recycler = Strategies.recycler128();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    // Give back what is still in flight so shutdown completes.
    Object item;
    while ((item = handOff.poll()) != null) {
      if (item instanceof Pooled<?> handle) {
        handle.close();
      } else if (item instanceof Payload128 payload && payload.hasSlot()) {
        payload.release();
      }
    }
    heapwise.close();
    stormpot.shutdown().await(Strategies.TIMEOUT);
    commons.close();
  }

  /**
   * Hands the item over; false if the iteration ended while the queue was full (the consumer has
   * stopped), in which case the caller releases the item itself.
   */
  private boolean send(Object item, Control control) {
    while (!handOff.offer(item)) {
      if (control.stopMeasurement) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  @Benchmark
  @Baseline
  @Group("plainNew")
  @GroupThreads(1)
  @GroupScore
  public boolean plainNewBorrow(Control control) {
    Payload128 object = new Payload128(null);
    object.touch(42);
    return send(object, control);
  }

  @Benchmark
  @Group("plainNew")
  @GroupThreads(1)
  public Object plainNewRelease() {
    return handOff.poll();
  }

  @Benchmark
  @Group("heapwise")
  @GroupThreads(1)
  @GroupScore
  public void heapwiseBorrow(Control control) {
    Pooled<Payload128> handle = heapwise.borrow();
    handle.get().touch(42);
    if (!send(handle, control)) {
      handle.close();
    }
  }

  @Benchmark
  @Group("heapwise")
  @GroupThreads(1)
  public void heapwiseRelease() {
    Object item = handOff.poll();
    if (item != null) {
      ((Pooled<?>) item).close();
    }
  }

  @Benchmark
  @Group("stormpot")
  @GroupThreads(1)
  @GroupScore
  public void stormpotBorrow(Control control) throws InterruptedException {
    Payload128 object = stormpot.claim(Strategies.TIMEOUT);
    object.touch(42);
    if (!send(object, control)) {
      object.release();
    }
  }

  @Benchmark
  @Group("stormpot")
  @GroupThreads(1)
  public void stormpotRelease() {
    Object item = handOff.poll();
    if (item != null) {
      ((Payload128) item).release();
    }
  }

  @Benchmark
  @Group("commonsPool")
  @GroupThreads(1)
  @GroupScore
  public void commonsBorrow(Control control) throws Exception {
    Payload128 object = commons.borrowObject();
    object.touch(42);
    if (!send(object, control)) {
      commons.returnObject(object);
    }
  }

  @Benchmark
  @Group("commonsPool")
  @GroupThreads(1)
  public void commonsRelease() {
    Object item = handOff.poll();
    if (item != null) {
      commons.returnObject((Payload128) item);
    }
  }

  @Benchmark
  @Group("nettyRecycler")
  @GroupThreads(1)
  @GroupScore
  public void recyclerBorrow(Control control) {
    Payload128 object = recycler.get();
    object.touch(42);
    if (!send(object, control)) {
      object.handle.recycle(object);
    }
  }

  @Benchmark
  @Group("nettyRecycler")
  @GroupThreads(1)
  public void recyclerRelease() {
    Object item = handOff.poll();
    if (item != null) {
      Payload128 object = (Payload128) item;
      object.handle.recycle(object);
    }
  }
}
