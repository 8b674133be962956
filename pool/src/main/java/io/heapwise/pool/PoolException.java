package io.heapwise.pool;

/**
 * A pool operation failed: the factory could not create an object, or the borrowing thread was
 * interrupted while waiting. The message names the pool; the cause, if any, is the factory's
 * exception.
 */
public class PoolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the pool
   * @param cause the underlying failure, or null
   */
  public PoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
