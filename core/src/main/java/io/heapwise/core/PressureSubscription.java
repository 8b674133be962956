package io.heapwise.core;

/**
 * A listener's registration with a {@link PressureSource}. Closing it unsubscribes the listener;
 * closing it again does nothing.
 *
 * <p>After {@link #close()} returns, the listener receives no change that is published later. A
 * change being delivered concurrently with {@code close()} may still reach the listener once.
 */
public interface PressureSubscription extends AutoCloseable {

  /** Unsubscribes the listener. Idempotent; never throws. */
  @Override
  void close();
}
