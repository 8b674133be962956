package io.heapwise.pool;

import io.heapwise.core.MemoryPressure;

/**
 * An immutable snapshot of an {@link ObjectPool}'s counters, from {@link ObjectPool#stats()}.
 *
 * <p>Counters are cumulative since the pool was built; gauges ({@code inUse}, {@code idle}, {@code
 * extrasInUse}, {@code maxSize}, {@code pressure}) are read at the moment of the snapshot. Fields
 * are read one by one without stopping the pool, so a snapshot taken under load may be off by the
 * operations that ran while it was taken; each figure is exact on its own once the pool is quiet.
 *
 * @param name the pool's name
 * @param maxSize the current maximum size (after {@link ObjectPool#resize(int)})
 * @param created objects created by the factory, for the pool (prefill, misses, replacements)
 * @param destroyed pooled objects retired (trimmed, invalid, failed reset/validation, closed,
 *     reclaimed after a leak); extras are not counted here
 * @param borrows borrows that handed out an object (pooled or extra)
 * @param hits borrows served by an object that was already in the pool
 * @param misses borrows that needed a new object: a pooled creation or an extra
 * @param inUse objects lent out now, extras included
 * @param idle objects in the pool ready to be borrowed
 * @param extrasAllocated extra objects created under {@link MissPolicy#ALLOCATE}
 * @param extrasInUse extras lent out now
 * @param exhausted borrows refused because the pool was exhausted ({@link MissPolicy#FAIL}, a
 *     {@link MissPolicy#BLOCK} timeout, or {@link ObjectPool#tryBorrow()} returning null)
 * @param leaksReported leaks reported to the listener (held too long, or never released)
 * @param leaksReclaimed objects whose handle became unreachable unreleased and whose capacity was
 *     given back
 * @param validationFailures objects rejected by {@link PoolFactory#validate} (false or thrown)
 * @param createFailures {@link PoolFactory#create} calls that threw
 * @param resetFailures {@link PoolFactory#reset} calls that threw
 * @param destroyFailures {@link PoolFactory#destroy} calls that threw
 * @param borrowWaitNanos total time borrowers spent waiting for an object
 * @param borrowWaitMaxNanos the longest single wait
 * @param pressure the memory-pressure level the pool last heard
 */
public record PoolStats(
    String name,
    int maxSize,
    long created,
    long destroyed,
    long borrows,
    long hits,
    long misses,
    long inUse,
    long idle,
    long extrasAllocated,
    long extrasInUse,
    long exhausted,
    long leaksReported,
    long leaksReclaimed,
    long validationFailures,
    long createFailures,
    long resetFailures,
    long destroyFailures,
    long borrowWaitNanos,
    long borrowWaitMaxNanos,
    MemoryPressure pressure) {

  /**
   * Returns the share of borrows served by reusing an object: {@code hits / borrows}, or 0 before
   * the first borrow.
   *
   * @return the reuse ratio, 0 to 1
   */
  public double reuseRate() {
    return borrows == 0 ? 0.0 : (double) hits / borrows;
  }
}
