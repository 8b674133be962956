package io.heapwise.pool;

/**
 * What {@link ObjectPool#borrow()} does when every object is lent and the pool is at its maximum.
 */
public enum MissPolicy {
  /**
   * Create an extra object outside the pool; it is destroyed when released, never kept. Counted as
   * {@link PoolStats#extras()}. Never blocks, never fails: the default.
   */
  ALLOCATE,
  /**
   * Wait, first come first served and without spinning, up to the configured timeout for a release;
   * then fail with {@link PoolExhaustedException}.
   */
  BLOCK,
  /** Fail at once with {@link PoolExhaustedException}. */
  FAIL
}
