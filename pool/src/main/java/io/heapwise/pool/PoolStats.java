package io.heapwise.pool;

/**
 * A snapshot of a pool's counters. Counters only grow; sizes are the values at the moment of the
 * snapshot (taken without stopping the pool, so they may be off by the operations in flight).
 *
 * @param name the pool's name
 * @param borrows successful borrows
 * @param hits borrows served by an object that was already pooled
 * @param misses borrows that had to create an object (growing the pool, or an extra)
 * @param extras objects created outside the pool under {@link MissPolicy#ALLOCATE}
 * @param exhausted borrows that failed or timed out with {@link PoolExhaustedException}
 * @param created objects the pool created, over its life (extras excluded)
 * @param destroyed objects the pool destroyed (invalid, invalidated, trimmed)
 * @param inUse objects lent right now (extras included)
 * @param idle pooled objects ready to lend
 * @param maxSize the current maximum number of pooled objects
 * @param leaks objects lent for longer than the leak threshold, as of the last leak scan
 */
public record PoolStats(
    String name,
    long borrows,
    long hits,
    long misses,
    long extras,
    long exhausted,
    long created,
    long destroyed,
    int inUse,
    int idle,
    int maxSize,
    long leaks) {

  /** Share of borrows served without creating an object: 1.0 once the pool is warm. */
  public double reuseRatio() {
    return borrows == 0 ? 0 : (double) hits / borrows;
  }
}
