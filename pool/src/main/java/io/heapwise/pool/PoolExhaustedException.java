package io.heapwise.pool;

/**
 * Every object of a pool is lent out, the pool is at its maximum size, and the miss policy ({@link
 * MissPolicy#FAIL}, or {@link MissPolicy#BLOCK} after its timeout) does not allow waiting longer.
 * The message names the pool, its size and how long the caller waited.
 */
public class PoolExhaustedException extends PoolException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the pool, its size, and the wait
   */
  public PoolExhaustedException(String message) {
    super(message, null);
  }
}
