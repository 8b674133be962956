package io.heapwise.core;

/**
 * Receives memory-pressure level changes from a {@link PressureSource}.
 *
 * <p>A listener is called only when the level actually changes ({@code previous != current}), on
 * the thread that publishes the change (for the adaptive monitor, its own daemon thread; for a
 * {@link ManualPressureSource}, the caller of {@link ManualPressureSource#set}). A source delivers
 * changes to one listener in the order they happened and never calls the same listener
 * concurrently.
 *
 * <p>Implementations must return quickly: expensive reactions (shrinking a cache, trimming a pool)
 * should be done in bounded steps or handed to the component's own thread. An exception thrown by a
 * listener is caught, counted and logged by the source; it never stops the source or other
 * listeners.
 */
@FunctionalInterface
public interface PressureListener {

  /**
   * Called when the memory-pressure level changes.
   *
   * @param previous the level before the change; never null
   * @param current the level now in force; never null and never equal to {@code previous}
   */
  void onPressureChange(MemoryPressure previous, MemoryPressure current);
}
