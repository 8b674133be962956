package io.heapwise.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where BLOCK offers park until room is freed: a fair lock, so that they look for room first come,
 * first served, and a count of them, so that the thread freeing room pays for a wake-up only when
 * someone waits. A waiter {@link #enter}s, looks for room, {@link #park}s, looks again, and {@link
 * #leave}s. Every path that frees room calls {@link #wakeAllIfAny} after its atomic update of the
 * room; closing calls {@link #wakeAll}.
 */
final class BlockedProducers {

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition roomFreed = lock.newCondition();
  private final AtomicLong waiting = new AtomicLong();

  /** Whether producers wait now; read by new offers, which queue behind them. */
  boolean any() {
    return waiting.get() > 0;
  }

  /**
   * Joins the queue: takes the lock (first come, first served), then counts this producer as
   * waiting. The increment is a full fence: a thread that frees room after it reads the count and
   * wakes this producer, so that a release between its look for room and its park is not lost.
   *
   * @throws InterruptedException if interrupted before it got the lock (it has not joined)
   */
  void enter() throws InterruptedException {
    lock.lockInterruptibly();
    waiting.incrementAndGet();
  }

  /**
   * Parks up to {@code nanos}; a joined producer only. It may return early (a wake-up for another
   * waiter, or a spurious one): the caller's loop looks for room again either way.
   */
  @SuppressWarnings("WaitNotInLoop") // the loop is the caller's: awaitSpace
  void park(long nanos) throws InterruptedException {
    roomFreed.awaitNanos(nanos);
  }

  /** Leaves the queue; a joined producer only, once, whatever ended its wait. */
  void leave() {
    waiting.decrementAndGet();
    lock.unlock();
  }

  /**
   * Wakes every waiting producer to look for room again (or see the buffer closed). Call it after
   * the atomic update that freed the room: that update is a full fence, so either this reads the
   * producer's count or the producer's next look for room sees the room.
   */
  void wakeAllIfAny() {
    if (any()) {
      wakeAll();
    }
  }

  /** Wakes every waiting producer, whether or not one is counted yet (close() uses it). */
  void wakeAll() {
    lock.lock();
    try {
      roomFreed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
