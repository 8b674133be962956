package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads hammer a small pool; every object checks that it has one owner at a time, and the
 * counts must balance exactly afterwards.
 */
class PoolStressIT {

  private static final int THREADS = 16;
  private static final int CYCLES = 200_000;
  private static final int POOL_SIZE = 8;

  private final CountingFactory factory = new CountingFactory();
  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
  private final AtomicLong borrowed = new AtomicLong();
  private final AtomicLong released = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void failPolicyWithTryBorrow() throws Exception {
    ObjectPool<TestObject> pool = pool(MissPolicy.FAIL);
    run(
        () -> {
          for (int i = 0; i < CYCLES; i++) {
            Pooled<TestObject> handle = pool.tryBorrow();
            if (handle == null) {
              refused.incrementAndGet();
              continue;
            }
            use(pool, handle, i);
          }
        });
    assertThat(pool.stats().exhausted()).isEqualTo(refused.get());
    checkBalanced(pool);
  }

  @Test
  void allocatePolicy() throws Exception {
    ObjectPool<TestObject> pool = pool(MissPolicy.ALLOCATE);
    run(
        () -> {
          for (int i = 0; i < CYCLES; i++) {
            use(pool, pool.borrow(), i);
          }
        });
    PoolStats stats = pool.stats();
    assertThat(stats.extrasAllocated()).isPositive();
    assertThat(stats.extrasInUse()).isZero();
    assertThat(stats.misses()).isEqualTo(stats.extrasAllocated() + stats.created());
    checkBalanced(pool);
  }

  @Test
  void blockPolicy() throws Exception {
    ObjectPool<TestObject> pool = pool(MissPolicy.BLOCK);
    run(
        () -> {
          for (int i = 0; i < CYCLES; i++) {
            use(pool, pool.borrow(), i);
          }
        });
    assertThat(pool.stats().exhausted()).isZero();
    assertThat(borrowed.get()).isEqualTo((long) THREADS * CYCLES);
    checkBalanced(pool);
  }

  @Test
  void releaseOnAnotherThread() throws Exception {
    ObjectPool<TestObject> pool = pool(MissPolicy.BLOCK);
    BlockingQueue<Pooled<TestObject>> handOff = new ArrayBlockingQueue<>(POOL_SIZE);
    int producers = THREADS / 2;
    int perProducer = CYCLES / 10;
    List<Future<?>> futures = new ArrayList<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    for (int t = 0; t < THREADS; t++) {
      boolean producer = t < producers;
      futures.add(
          executor.submit(
              () -> {
                start.await();
                for (int i = 0; i < perProducer; i++) {
                  if (producer) {
                    Pooled<TestObject> handle = pool.borrow();
                    borrowed.incrementAndGet();
                    handle.get().claim(handOff);
                    handOff.put(handle);
                  } else {
                    Pooled<TestObject> handle = handOff.take();
                    handle.get().unclaim(handOff);
                    handle.close();
                    released.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get(120, TimeUnit.SECONDS);
    }
    checkBalanced(pool);
  }

  private ObjectPool<TestObject> pool(MissPolicy policy) {
    return ObjectPool.create(
        PoolConfig.builder("stress-" + policy.name().toLowerCase(java.util.Locale.ROOT))
            .maxSize(POOL_SIZE)
            .missPolicy(policy)
            .borrowTimeout(Duration.ofSeconds(60))
            .build(),
        factory);
  }

  /** Checks single ownership, then releases; every 997th object is invalidated. */
  private void use(ObjectPool<TestObject> pool, Pooled<TestObject> handle, int i) {
    borrowed.incrementAndGet();
    TestObject object = handle.get();
    Thread me = Thread.currentThread();
    object.claim(me);
    if (object.destroyed) {
      throw new AssertionError("borrowed a destroyed object " + object.id);
    }
    object.payload = me.getName();
    if (i % 997 == 0) {
      pool.invalidate(handle);
    }
    object.unclaim(me);
    handle.close();
    released.incrementAndGet();
  }

  private void run(Task task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          executor.submit(
              () -> {
                start.await();
                task.run();
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get(120, TimeUnit.SECONDS);
    }
  }

  private void checkBalanced(ObjectPool<TestObject> pool) {
    PoolStats stats = pool.stats();
    assertThat(released.get()).isEqualTo(borrowed.get());
    assertThat(stats.borrows()).isEqualTo(borrowed.get());
    assertThat(stats.hits() + stats.misses()).isEqualTo(stats.borrows());
    assertThat(stats.inUse()).isZero();
    assertThat(stats.created() - stats.destroyed()).isEqualTo(stats.idle());
    assertThat(stats.idle()).isBetween(0L, (long) POOL_SIZE);
    assertThat(factory.alive).hasSize((int) stats.idle());
    assertThat(factory.alive).allMatch(o -> o.owner.get() == null && !o.destroyed);
    // No slot lost: the whole pool can be borrowed at once, as distinct live objects.
    List<Pooled<TestObject>> all = new ArrayList<>();
    Set<TestObject> distinct = new HashSet<>();
    for (int i = 0; i < POOL_SIZE; i++) {
      Pooled<TestObject> handle = pool.tryBorrow();
      assertThat(handle).as("object %d of %d", i + 1, POOL_SIZE).isNotNull();
      all.add(handle);
      distinct.add(handle.get());
    }
    assertThat(distinct).hasSize(POOL_SIZE).noneMatch(o -> o.destroyed);
    assertThat(pool.tryBorrow()).isNull();
    all.forEach(Pooled::close);
    pool.close();
    assertThat(factory.alive).isEmpty();
    assertThat(factory.destroys.get()).isEqualTo(factory.creates.get());
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }
}
