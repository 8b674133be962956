package io.heapwise.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;

/**
 * The per-borrow handle used when leak detection is on. It is registered with a {@link Cleaner}: if
 * it becomes unreachable before {@link #close()}, the cleaner reports the leak and gives the slot's
 * capacity back. The cleaning action ({@link Ticket}) holds the slot, never this handle.
 */
final class TrackedHandle<T> implements Pooled<T> {

  private final Slot<T> slot;
  private final Ticket<T> ticket;
  private final Cleaner.Cleanable cleanable;

  TrackedHandle(Slot<T> slot, LeakTracker<T> tracker, Cleaner cleaner) {
    this.slot = slot;
    this.ticket = new Ticket<>(slot, tracker);
    this.cleanable = cleaner.register(this, ticket);
  }

  Slot<T> slot() {
    return slot;
  }

  @Override
  public T get() {
    if (ticket.isReleased()) {
      throw slot.pool.notBorrowed(slot, "get()");
    }
    try {
      return slot.get();
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void close() {
    if (!ticket.markReleased()) {
      throw slot.pool.notBorrowed(slot, "release");
    }
    try {
      LeakTracker.untrack(slot);
      slot.pool.release(slot);
    } finally {
      // Deregisters; the action sees the ticket released and does nothing.
      cleanable.clean();
      Reference.reachabilityFence(this);
    }
  }

  void markInvalid() {
    if (ticket.isReleased()) {
      throw slot.pool.notBorrowed(slot, "invalidate");
    }
    slot.invalid = true;
  }

  @Override
  public String toString() {
    return "Pooled[pool="
        + slot.pool.name
        + ", tracked, "
        + (ticket.isReleased() ? "released" : "borrowed")
        + "]";
  }

  /** Runs when the handle is cleaned: explicitly on close, or by the GC when it was lost. */
  static final class Ticket<T> implements Runnable {
    private static final VarHandle RELEASED;

    static {
      try {
        RELEASED = MethodHandles.lookup().findVarHandle(Ticket.class, "released", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Slot<T> slot;
    private final LeakTracker<T> tracker;

    @SuppressWarnings("UnusedVariable") // accessed through RELEASED
    private volatile boolean released;

    Ticket(Slot<T> slot, LeakTracker<T> tracker) {
      this.slot = slot;
      this.tracker = tracker;
    }

    boolean markReleased() {
      return RELEASED.compareAndSet(this, false, true);
    }

    boolean isReleased() {
      return released;
    }

    @Override
    public void run() {
      if (markReleased()) {
        tracker.reclaimLost(slot);
      }
    }
  }
}
