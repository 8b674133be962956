package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Steady-state borrow and release allocate nothing, measured by the JVM's per-thread counter. */
class PoolAllocationTest {

  private static final int WARM_UP = 200_000;
  private static final int MEASURED = 100_000;

  private static final class Query {
    long id;
    long deadline;
    String text;
  }

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void sameThreadBorrowAndReleaseAllocatesZeroBytes() {
    try (ObjectPool<Query> pool =
        ObjectPool.create(
            PoolConfig.builder("alloc").maxSize(8).prefill(8).build(),
            PoolFactory.of(Query::new, q -> q.text = null))) {
      Runnable cycle =
          () -> {
            try (Pooled<Query> handle = pool.borrow()) {
              handle.get().id++;
            }
          };
      assertThat(bytesPerCycle(cycle)).isZero();
      assertThat(pool.stats().borrows()).isEqualTo(WARM_UP + MEASURED);
      assertThat(pool.stats().created()).isEqualTo(8);
      try (Pooled<Query> handle = pool.borrow()) {
        // The thread's last slot served every cycle.
        assertThat(handle.get().id).isEqualTo(WARM_UP + MEASURED);
      }
    }
  }

  @Test
  void sharedQueuePathAllocatesZeroBytes() {
    // Two objects held at once: the second borrow misses the thread's last slot and polls the
    // shared idle queue, and both releases go through the queue or the release store.
    try (ObjectPool<Query> pool =
        ObjectPool.create(
            PoolConfig.builder("alloc-shared").maxSize(4).build(),
            PoolFactory.of(Query::new, q -> q.text = null, q -> q.deadline >= 0, null))) {
      Runnable cycle =
          () -> {
            Pooled<Query> a = pool.borrow();
            Pooled<Query> b = pool.borrow();
            a.get().id++;
            b.get().id++;
            b.close();
            a.close();
          };
      assertThat(bytesPerCycle(cycle)).isZero();
      assertThat(pool.stats().created()).isEqualTo(2);
    }
  }

  @Test
  void tryBorrowAllocatesZeroBytes() {
    try (ObjectPool<Query> pool =
        ObjectPool.create(
            PoolConfig.builder("alloc-try").maxSize(1).build(), PoolFactory.of(Query::new))) {
      Runnable cycle =
          () -> {
            Pooled<Query> handle = pool.tryBorrow();
            if (pool.tryBorrow() != null) {
              throw new AssertionError("pool of one lent two objects");
            }
            handle.close();
          };
      assertThat(bytesPerCycle(cycle)).isZero();
    }
  }

  private static long bytesPerCycle(Runnable cycle) {
    for (int i = 0; i < WARM_UP; i++) {
      cycle.run();
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED; i++) {
      cycle.run();
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    // Integer division: anything below one byte per cycle (a stray lazy init) reads as zero, while
    // the smallest real per-cycle allocation (16 bytes) reads as at least 16.
    return allocated / MEASURED;
  }
}
