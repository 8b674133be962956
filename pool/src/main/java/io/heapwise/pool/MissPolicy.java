package io.heapwise.pool;

/**
 * What {@link ObjectPool#borrow()} does when every object is lent out and the pool is at its
 * maximum size.
 */
public enum MissPolicy {
  /**
   * Create an extra object outside the pool. The caller gets it at once; it is destroyed (not
   * pooled) when released. Extras are counted in {@link PoolStats#extrasAllocated()}. The pool
   * never blocks and never fails for lack of objects, at the price of allocation under bursts.
   */
  ALLOCATE,
  /**
   * Wait up to the borrow timeout for an object to be released, first come first served, parked (no
   * spinning); then throw {@link PoolExhaustedException}.
   */
  BLOCK,
  /** Throw {@link PoolExhaustedException} at once, naming the pool and its size. */
  FAIL
}
