package io.heapwise.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pooled object's place in its pool, allocated once and handed out as the borrower's {@link
 * Pooled} handle. Its state word is the single source of truth about who owns the object.
 *
 * <p>States: {@link #FREE} (idle, and its reference sits in the pool's free queue); {@link
 * #CLAIMED_LOCAL} (lent through a thread's last-slot fast path: the queue still holds a reference,
 * so releasing it back to FREE is all it takes); {@link #CLAIMED} (lent and not in the queue: taken
 * from the queue, newly created, or an extra; releasing it must offer it to the queue again);
 * {@link #DEAD} (destroyed). Every transition is a CAS, so a double release or a release racing
 * another is detected, never silently applied twice.
 */
final class Slot<T> implements Pooled<T> {

  static final int FREE = 0;
  static final int CLAIMED = 1;
  static final int CLAIMED_LOCAL = 2;
  static final int DEAD = 3;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ObjectPool<T> pool;

  /** Index in the pool's slot table; -1 for an extra, which the pool never keeps. */
  final int index;

  /** Written only by the thread that owns the slot (creator, or the borrower replacing it). */
  T object;

  /** Set on borrow only when leak detection is on. */
  long borrowedAtNanos;

  boolean leakReported;

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  Slot(ObjectPool<T> pool, int index, T object, int initialState) {
    this.pool = pool;
    this.index = index;
    this.object = object;
    this.state = initialState;
  }

  int state() {
    return state;
  }

  boolean cas(int expected, int next) {
    return STATE.compareAndSet(this, expected, next);
  }

  boolean isLent() {
    int current = state;
    return current == CLAIMED || current == CLAIMED_LOCAL;
  }

  @Override
  public T get() {
    if (!isLent()) {
      throw new IllegalStateException(
          "pool '" + pool.name() + "': handle used after it was released");
    }
    return object;
  }

  @Override
  public void close() {
    pool.release(this);
  }

  @Override
  public String toString() {
    return "Pooled[" + pool.name() + "#" + index + ", state=" + state + "]";
  }
}
