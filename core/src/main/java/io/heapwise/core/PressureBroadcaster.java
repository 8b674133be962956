package io.heapwise.core;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The listener bookkeeping every {@link PressureSource} needs: it holds the current level, keeps
 * the subscribed listeners and delivers each level change to all of them, isolating failures.
 *
 * <p>Use it to build a pressure source of your own (the adaptive monitor and {@link
 * ManualPressureSource} are built on it). Guarantees:
 *
 * <ul>
 *   <li>Changes are delivered on the publishing thread, in the order they were published, and a
 *       listener is never called concurrently with itself: publishing and subscribing are
 *       serialized by one lock.
 *   <li>Publishing the level already in force does nothing.
 *   <li>An exception thrown by a listener is caught and counted ({@link #listenerFailures()}); the
 *       first failure of each subscription is logged through {@link System.Logger}. The remaining
 *       listeners are still called.
 *   <li>Subscribing while the level is above {@link MemoryPressure#NORMAL} calls the new listener
 *       once with {@code (NORMAL, current)}.
 * </ul>
 *
 * <p>A listener must not publish to the broadcaster that is calling it: the nested change would be
 * delivered out of order, so such a call fails with {@link IllegalStateException}.
 */
public final class PressureBroadcaster implements PressureSource {

  private static final System.Logger LOG = System.getLogger(PressureBroadcaster.class.getName());

  private final String sourceName;
  private final ReentrantLock deliveryLock = new ReentrantLock();
  private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();

  // Written only under deliveryLock; volatile so currentPressure() needs no lock.
  private volatile MemoryPressure current = MemoryPressure.NORMAL;

  /**
   * Creates a broadcaster whose level starts at {@link MemoryPressure#NORMAL}.
   *
   * @param sourceName names the source in log messages, e.g. {@code "heapwise-monitor"}
   */
  public PressureBroadcaster(String sourceName) {
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
  }

  @Override
  public MemoryPressure currentPressure() {
    return current;
  }

  @Override
  public PressureSubscription subscribe(PressureListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    Registration registration = new Registration(listener);
    deliveryLock.lock();
    try {
      registrations.add(registration);
      if (current != MemoryPressure.NORMAL) {
        registration.deliver(MemoryPressure.NORMAL, current);
      }
    } finally {
      deliveryLock.unlock();
    }
    return registration;
  }

  /**
   * Makes {@code level} the current level and, if it differs from the previous one, tells every
   * subscribed listener.
   *
   * @param level the new level; must not be null
   * @return {@code true} if the level changed and listeners were called
   * @throws NullPointerException if {@code level} is null
   * @throws IllegalStateException if called from one of this broadcaster's listeners
   */
  public boolean publish(MemoryPressure level) {
    Objects.requireNonNull(level, "pressure level must not be null");
    if (deliveryLock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          sourceName
              + ": a pressure listener tried to publish "
              + level
              + " while a change was being delivered; publish from another thread instead");
    }
    deliveryLock.lock();
    try {
      MemoryPressure previous = current;
      if (previous == level) {
        return false;
      }
      current = level;
      for (Registration registration : registrations) {
        registration.deliver(previous, level);
      }
      return true;
    } finally {
      deliveryLock.unlock();
    }
  }

  /**
   * Returns how many times a listener has thrown since this broadcaster was created.
   *
   * @return the number of listener failures
   */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /**
   * Returns how many listeners are subscribed now.
   *
   * @return the number of open subscriptions
   */
  public int listenerCount() {
    return registrations.size();
  }

  private final class Registration implements PressureSubscription {
    private final PressureListener listener;
    // Only touched under deliveryLock.
    private boolean failureLogged;

    Registration(PressureListener listener) {
      this.listener = listener;
    }

    void deliver(MemoryPressure previous, MemoryPressure next) {
      try {
        listener.onPressureChange(previous, next);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
          throw e;
        }
        listenerFailures.incrementAndGet();
        if (!failureLogged) {
          failureLogged = true;
          LOG.log(
              Level.WARNING,
              () ->
                  sourceName
                      + ": pressure listener "
                      + listener
                      + " threw on "
                      + previous
                      + " -> "
                      + next
                      + "; it stays subscribed and later failures are only counted",
              e);
        }
      }
    }

    @Override
    public void close() {
      registrations.remove(this);
    }
  }
}
