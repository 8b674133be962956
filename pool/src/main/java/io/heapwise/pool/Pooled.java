package io.heapwise.pool;

/**
 * A borrowed object, given back to its pool by {@link #close()}.
 *
 * <pre>{@code
 * try (Pooled<ExpertQuery> handle = queries.borrow()) {
 *   ExpertQuery query = handle.get();
 *   ...
 * } // released here: reset, then ready for the next borrower
 * }</pre>
 *
 * <p>In the normal mode the handle <em>is</em> the pool's slot for the object, so borrowing
 * allocates nothing. A handle is owned by one borrower at a time; it may be passed to and released
 * on another thread (the release then happens-before the next borrow of the object).
 *
 * <p><b>Misuse.</b> {@link #get()} after release and a second {@link #close()} throw {@link
 * IllegalStateException} and change nothing. Because the handle is reused by the next borrower, a
 * stale handle whose object has already been lent out again cannot be told apart from the new
 * borrower's handle; with leak detection on, every borrow gets its own handle and such misuse is
 * always detected.
 *
 * @param <T> the pooled type
 */
public interface Pooled<T> extends AutoCloseable {

  /**
   * Returns the borrowed object.
   *
   * @return the object; never null
   * @throws IllegalStateException if this handle was already released
   */
  T get();

  /**
   * Releases the object to the pool: it is reset and kept for the next borrower, or destroyed if it
   * was invalidated, is an extra, the pool is closed, or memory pressure lowered the pool's
   * retention.
   *
   * @throws IllegalStateException if the handle was already released
   */
  @Override
  void close();
}
