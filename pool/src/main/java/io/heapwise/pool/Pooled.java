package io.heapwise.pool;

/**
 * A borrowed object, and the means to give it back: {@code try (Pooled<Q> h = pool.borrow()) { Q q
 * = h.get(); ... }}.
 *
 * <p>The handle is the pool's slot for the object, allocated once when the slot is created, so
 * borrowing allocates nothing. After {@link #close()} the handle belongs to the pool again: {@link
 * #get()} then throws, and a second {@code close()} throws {@link IllegalStateException} without
 * touching the pool. A handle belongs to one borrower at a time; hand it to another thread only
 * with a happens-before edge (a queue, a future), as with any mutable object.
 *
 * @param <T> the pooled type
 */
public interface Pooled<T> extends AutoCloseable {

  /**
   * Returns the borrowed object.
   *
   * @throws IllegalStateException if the handle has been released
   */
  T get();

  /**
   * Gives the object back to its pool: {@link PoolableFactory#reset} runs, then the object can be
   * lent again.
   *
   * @throws IllegalStateException if the handle was already released
   */
  @Override
  void close();
}
