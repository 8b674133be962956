package io.heapwise.cache;

import java.util.Map;

/**
 * A snapshot of a cache's counters and size.
 *
 * @param name the cache's name
 * @param hits lookups that found an entry (this, misses, puts, loads and load failures stay 0
 *     unless {@code record-stats} is on; it is off by default)
 * @param misses lookups that did not
 * @param puts entries written
 * @param refused writes refused because the entry exceeded {@code max-entry-bytes}
 * @param evictions entries removed by the cache itself, by cause
 * @param evictedBytes bytes those entries weighed, by cause
 * @param entries entries now
 * @param estimatedBytes what the entries weigh now, per their sizers and the per-entry overhead
 * @param currentBudget the budget in force now (lower than {@code configuredBudget} under pressure)
 * @param configuredBudget the budget at NORMAL pressure: {@code max-bytes}, capped at {@code
 *     heap-cap} of max heap
 * @param loads values loaded through {@code get(key, loader)}, successful or not
 * @param loadFailures loads whose loader threw
 */
public record CacheStats(
    String name,
    long hits,
    long misses,
    long puts,
    long refused,
    Map<EvictionCause, Long> evictions,
    Map<EvictionCause, Long> evictedBytes,
    long entries,
    long estimatedBytes,
    long currentBudget,
    long configuredBudget,
    long loads,
    long loadFailures) {

  public CacheStats {
    evictions = Map.copyOf(evictions);
    evictedBytes = Map.copyOf(evictedBytes);
  }

  /**
   * Hits over lookups (hits plus misses); 1.0 when there were no lookups, as in Caffeine. Zero
   * lookups are counted when {@code record-stats} is off.
   */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 1.0 : (double) hits / lookups;
  }

  /** Evictions of one cause; 0 when there were none. */
  public long evictions(EvictionCause cause) {
    return evictions.getOrDefault(cause, 0L);
  }

  /** Bytes evicted for one cause; 0 when there were none. */
  public long evictedBytes(EvictionCause cause) {
    return evictedBytes.getOrDefault(cause, 0L);
  }
}
