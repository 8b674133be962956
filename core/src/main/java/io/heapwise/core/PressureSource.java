package io.heapwise.core;

/**
 * Something that knows the current {@link MemoryPressure} and tells listeners when it changes.
 *
 * <p>heapwise ships two sources: the adaptive memory monitor ({@code heapwise-monitor}), which
 * judges pressure from live heap after GC and GC overhead, and {@link ManualPressureSource}, whose
 * level is set by hand (for tests, or to drive pressure from a service's own signals). Components
 * such as caches, pools and buffers subscribe to any source, so they never depend on the monitor
 * module.
 */
public interface PressureSource {

  /**
   * Returns the level in force now.
   *
   * @return the current level; never null
   */
  MemoryPressure currentPressure();

  /**
   * Subscribes a listener to level changes.
   *
   * <p>If the current level is not {@link MemoryPressure#NORMAL} when the listener subscribes, the
   * listener is first called once with {@code (NORMAL, current)} before this method returns, so a
   * component that subscribes late still learns about pressure that is already in force.
   *
   * @param listener the listener; must not be null
   * @return the subscription; close it to unsubscribe
   * @throws NullPointerException if {@code listener} is null
   */
  PressureSubscription subscribe(PressureListener listener);
}
