package io.heapwise.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The place of one pooled object, allocated once and reused for every object that ever occupies it.
 * In the normal mode the slot is also the borrower's handle, so lending allocates nothing.
 *
 * <p>The state word is the whole protocol; {@link SlotPool} documents the transitions. The other
 * fields are owned by whoever holds the slot in a borrowed state (or, when {@link #EMPTY}, by the
 * thread that took it from the empty pile); the state transitions publish them.
 */
final class Slot<T> implements Pooled<T> {

  /** No object; the slot is in the empty pile (or being filled by the thread that took it). */
  static final int EMPTY = 0;

  /** Holds an idle object; the slot is in the idle queue. */
  static final int IDLE = 1;

  /** Its object was destroyed while the slot sat in the idle queue; the next poller empties it. */
  static final int DEAD = 2;

  /** Lent out after being polled from the idle queue (or freshly created); in no container. */
  static final int BORROWED = 3;

  /** Lent out through a thread's fast path; the slot stayed in the idle queue. */
  static final int BORROWED_LOCAL = 4;

  private static final VarHandle STATE;
  private static final VarHandle BORROWS;
  private static final VarHandle BORROWED_AT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Slot.class, "state", int.class);
      BORROWS = lookup.findVarHandle(Slot.class, "borrows", long.class);
      BORROWED_AT = lookup.findVarHandle(Slot.class, "borrowedAt", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final SlotPool<T> pool;

  /** Read with plain loads on the fast path; changed by CAS, release stores or volatile stores. */
  @SuppressWarnings("UnusedVariable") // accessed through STATE
  private volatile int state;

  /** The pooled object, or null when EMPTY or DEAD. */
  T object;

  /** Set by {@link ObjectPool#invalidate}; the object is destroyed when released. */
  boolean invalid;

  /**
   * Borrows served by this slot. Only the holder writes it (an opaque store, a plain {@code mov} on
   * x86), so counting borrows adds no shared write to the fast path; {@link ObjectPool#stats()}
   * sums opaque reads over all slots.
   */
  @SuppressWarnings("UnusedVariable") // accessed through BORROWS
  private long borrows;

  // Leak tracking, written only when leak detection is on.
  @SuppressWarnings("UnusedVariable") // accessed through BORROWED_AT
  private long borrowedAt;

  volatile Throwable borrowSite;
  volatile String borrower;
  volatile boolean leakReported;

  Slot(SlotPool<T> pool) {
    this.pool = pool;
  }

  int state() {
    return (int) STATE.getVolatile(this);
  }

  boolean casState(int expected, int next) {
    return STATE.compareAndSet(this, expected, next);
  }

  /**
   * Makes the slot's new state, and every write before it (the reset, the borrower's writes to the
   * object), visible to the next thread that claims it with a CAS. A release store, not a volatile
   * one: no later load of this thread needs to be ordered after it, which saves a StoreLoad fence.
   */
  void releaseState(int next) {
    STATE.setRelease(this, next);
  }

  void setState(int next) {
    STATE.setVolatile(this, next);
  }

  void countBorrow() {
    BORROWS.setOpaque(this, (long) BORROWS.getOpaque(this) + 1);
  }

  long borrowCount() {
    return (long) BORROWS.getOpaque(this);
  }

  void markBorrowed(long nanos) {
    BORROWED_AT.setOpaque(this, nanos);
  }

  long borrowedAt() {
    return (long) BORROWED_AT.getOpaque(this);
  }

  boolean isBorrowed() {
    return state() >= BORROWED;
  }

  @Override
  public T get() {
    if (state() < BORROWED) {
      throw pool.notBorrowed(this, "get()");
    }
    return object;
  }

  @Override
  public void close() {
    pool.release(this);
  }

  @Override
  public String toString() {
    return "Pooled[pool=" + pool.name + ", state=" + stateName(state()) + "]";
  }

  static String stateName(int state) {
    return switch (state) {
      case EMPTY -> "empty";
      case IDLE -> "idle";
      case DEAD -> "destroyed";
      case BORROWED, BORROWED_LOCAL -> "borrowed";
      default -> "unknown(" + state + ")";
    };
  }
}
