package io.heapwise.pool;

/**
 * Receives the leaks an {@link ObjectPool} finds when leak detection is on. Called on the pool's
 * maintenance thread or the JDK's cleaner thread: return quickly. An exception thrown here is
 * logged and otherwise ignored. Every report is also logged through {@link System.Logger} at {@code
 * WARNING}.
 */
@FunctionalInterface
public interface LeakListener {

  /**
   * Called once per leaked borrow and kind.
   *
   * @param report what leaked, where it was borrowed
   */
  void onLeak(LeakReport report);
}
