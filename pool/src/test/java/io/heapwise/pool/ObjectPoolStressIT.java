package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads borrow and release (a third of the releases on another thread), with trims and
 * resizes going on: no object is ever held by two borrowers, none is lost, the pool never grows
 * past its maximum.
 */
class ObjectPoolStressIT {

  private static final int THREADS = 8;
  private static final int ITERATIONS = 50_000;
  private static final int MAX = 4;

  /** An object that knows who holds it. */
  static final class Owned {
    final AtomicLong owner = new AtomicLong();
  }

  @ParameterizedTest
  @EnumSource(MissPolicy.class)
  void noObjectIsHeldTwiceOrLost(MissPolicy policy) throws Exception {
    Set<Owned> everCreated = ConcurrentHashMap.newKeySet();
    AtomicInteger pooledCreated = new AtomicInteger();
    ObjectPool<Owned> pool =
        ObjectPool.create(
            PoolConfig.builder("stress")
                .maxSize(MAX)
                .missPolicy(policy)
                .blockTimeout(Duration.ofSeconds(5))
                .build(),
            new PoolableFactory<>() {
              @Override
              public Owned create() {
                pooledCreated.incrementAndGet();
                Owned owned = new Owned();
                everCreated.add(owned);
                return owned;
              }

              @Override
              public void reset(Owned owned) {
                if (owned.owner.get() != 0) {
                  throw new AssertionError("reset while still owned");
                }
              }
            });
    LinkedBlockingQueue<Pooled<Owned>> handOff =
        new LinkedBlockingQueue<>(1); // fewer than the smallest size: BLOCK cannot starve
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong exhausted = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long id = t + 1L;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < ITERATIONS && failure.get() == null; i++) {
                    Pooled<Owned> handle;
                    try {
                      handle = pool.borrow();
                    } catch (PoolExhaustedException e) {
                      exhausted.incrementAndGet();
                      continue;
                    }
                    Owned owned = handle.get();
                    if (!owned.owner.compareAndSet(0, id)) {
                      throw new AssertionError("object held by two borrowers");
                    }
                    Thread.onSpinWait();
                    if (owned.owner.getAndSet(0) != id) {
                      throw new AssertionError("object taken while held");
                    }
                    if (i % 3 == 0 && handOff.offer(handle)) {
                      continue; // another thread releases it
                    }
                    handle.close();
                    Pooled<Owned> foreign = handOff.poll();
                    if (foreign != null) {
                      foreign.close();
                    }
                    if (id == 1 && i % 10_000 == 0) {
                      pool.trim(1);
                      pool.resize(i % 20_000 == 0 ? 2 : MAX);
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
    }
    Pooled<Owned> left;
    while ((left = handOff.poll()) != null) {
      left.close();
    }

    assertThat(failure.get()).isNull();
    PoolStats stats = pool.stats();
    assertThat(stats.inUse()).as("nothing still lent").isZero();
    assertThat(stats.idle()).isBetween(0, MAX);
    assertThat(stats.created() - stats.destroyed())
        .as("pooled objects alive")
        .isEqualTo(stats.idle());
    assertThat(stats.borrows() + exhausted.get())
        .as("every attempt accounted for")
        .isEqualTo((long) THREADS * ITERATIONS);
    if (policy != MissPolicy.ALLOCATE) {
      assertThat(stats.extras()).isZero();
    }
    // every idle object can be lent exactly once more, and no more than max
    pool.resize(MAX);
    List<Pooled<Owned>> all = new ArrayList<>();
    Pooled<Owned> next;
    while ((next = pool.tryBorrow()) != null) {
      all.add(next);
    }
    assertThat(all).hasSize(MAX);
    assertThat(all.stream().map(Pooled::get).distinct()).hasSize(MAX);
    all.forEach(Pooled::close);
  }
}
