package io.heapwise.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of borrow and release on a pool of two: the pool must behave like a counter of
 * lent objects bounded by two, whatever the interleaving of fast paths (thread-local claim), shared
 * queue polls, creations, releases and invalidations (which destroy the object and give its
 * capacity back). Each thread keeps the handles it holds in its own list, so "what this thread
 * holds" is exact in both the concurrent run and the sequential specification. Each object checks
 * that it has a single holder, and after every run the pool's counts must balance.
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public class PoolLincheckTest {

  private static final int MAX = 2;
  private static final int THREADS = 3;

  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger destroyed = new AtomicInteger();
  private final ObjectPool<TestObject> pool =
      ObjectPool.create(
          PoolConfig.builder("lincheck").maxSize(MAX).missPolicy(MissPolicy.FAIL).build(),
          PoolFactory.of(
              () -> {
                created.incrementAndGet();
                return new TestObject();
              },
              o -> o.payload = null,
              null,
              o -> {
                o.destroyed = true;
                destroyed.incrementAndGet();
              }));

  private final List<ArrayDeque<Pooled<TestObject>>> held = new ArrayList<>();

  /** Creates the test instance; Lincheck makes one per run. */
  public PoolLincheckTest() {
    for (int i = 0;
        i < THREADS + 2;
        i++) { // ids of the parallel threads, the init and the post part
      held.add(new ArrayDeque<>());
    }
  }

  /** Borrows without waiting; true when an object was lent (fewer than two were out). */
  @Operation
  public boolean borrow(@Param(name = "thread") int thread) {
    Pooled<TestObject> handle = pool.tryBorrow();
    if (handle == null) {
      return false;
    }
    TestObject object = handle.get();
    if (object.destroyed) {
      throw new IllegalStateException("lent a destroyed object");
    }
    object.claim(held);
    held.get(thread).push(handle);
    return true;
  }

  /** Releases the thread's most recent borrow, if any. */
  @Operation
  public boolean release(@Param(name = "thread") int thread) {
    Pooled<TestObject> handle = held.get(thread).poll();
    if (handle == null) {
      return false;
    }
    handle.get().unclaim(held);
    handle.close();
    return true;
  }

  /** Releases the thread's most recent borrow as broken, if any. */
  @Operation
  public boolean invalidate(@Param(name = "thread") int thread) {
    Pooled<TestObject> handle = held.get(thread).poll();
    if (handle == null) {
      return false;
    }
    handle.get().unclaim(held);
    pool.invalidate(handle);
    handle.close();
    return true;
  }

  /** After each run: nothing lost, nothing duplicated, the counts balance. */
  @Validate
  public void countsBalance() {
    int holding = 0;
    for (ArrayDeque<Pooled<TestObject>> list : held) {
      holding += list.size();
    }
    PoolStats stats = pool.stats();
    check(stats.inUse() == holding, "in use " + stats.inUse() + " != held " + holding);
    check(
        stats.created() - stats.destroyed() == stats.idle() + stats.inUse(),
        "created - destroyed != idle + in use: " + stats);
    check(created.get() - destroyed.get() == stats.idle() + stats.inUse(), "objects: " + stats);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  @Test
  void modelChecking() {
    LinChecker.check(
        PoolLincheckTest.class,
        // About 25-45 s on a busy 2-core machine: 8 scenarios x 250 interleavings each.
        new ModelCheckingOptions()
            .iterations(8)
            .invocationsPerIteration(250)
            .threads(THREADS)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1));
  }

  @Test
  void stress() {
    LinChecker.check(
        PoolLincheckTest.class,
        new StressOptions()
            .iterations(10)
            .invocationsPerIteration(1_000)
            .threads(THREADS)
            .actorsPerThread(3));
  }
}
