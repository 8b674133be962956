package io.heapwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads publish and subscribe at once. Every listener must see an unbroken chain of changes
 * (each change starts where the previous one ended), never be called concurrently with itself, and
 * end at the broadcaster's final level.
 */
class PressureBroadcasterStressIT {

  private static final int PUBLISHERS = 6;
  private static final int PUBLISHES_PER_THREAD = 20_000;
  private static final int LATE_SUBSCRIBERS = 200;

  @Test
  void listenersSeeAConsistentOrderedChain() throws Exception {
    PressureBroadcaster broadcaster = new PressureBroadcaster("stress");
    List<ChainCheckingListener> listeners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ChainCheckingListener listener = new ChainCheckingListener();
      listeners.add(listener);
      broadcaster.subscribe(listener);
    }

    ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS + 1);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < PUBLISHERS; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                MemoryPressure[] levels = MemoryPressure.values();
                for (int i = 0; i < PUBLISHES_PER_THREAD; i++) {
                  broadcaster.publish(levels[ThreadLocalRandom.current().nextInt(levels.length)]);
                }
                return null;
              }));
    }
    List<ChainCheckingListener> late = new ArrayList<>();
    futures.add(
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < LATE_SUBSCRIBERS; i++) {
                ChainCheckingListener listener = new ChainCheckingListener();
                late.add(listener);
                PressureSubscription subscription = broadcaster.subscribe(listener);
                if (i % 2 == 0) {
                  subscription.close();
                  listener.closed = true;
                }
              }
              return null;
            }));
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    MemoryPressure last = broadcaster.currentPressure();
    for (ChainCheckingListener listener : listeners) {
      assertThat(listener.breaks).hasValue(0);
      assertThat(listener.overlaps).hasValue(0);
      assertThat(listener.level).isEqualTo(last);
      assertThat(listener.calls).isGreaterThan(0);
    }
    for (ChainCheckingListener listener : late) {
      assertThat(listener.breaks).hasValue(0);
      assertThat(listener.overlaps).hasValue(0);
      if (!listener.closed) {
        assertThat(listener.level).isEqualTo(last);
      }
    }
    assertThat(broadcaster.listenerCount()).isEqualTo(listeners.size() + LATE_SUBSCRIBERS / 2);
    assertThat(broadcaster.listenerFailures()).isZero();
  }

  private static final class ChainCheckingListener implements PressureListener {
    final AtomicInteger breaks = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    volatile MemoryPressure level = MemoryPressure.NORMAL;
    volatile int calls;
    volatile boolean closed;

    @Override
    @SuppressWarnings("NonAtomicVolatileUpdate") // the listener is never called concurrently
    public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      if (previous != level || previous == current) {
        breaks.incrementAndGet();
      }
      level = current;
      calls++;
      inside.decrementAndGet();
    }
  }
}
