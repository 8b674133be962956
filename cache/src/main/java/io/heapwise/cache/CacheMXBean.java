package io.heapwise.cache;

/**
 * The JMX view of a {@link MemoryAwareCache}, registered as {@code
 * io.heapwise:type=Cache,name=<name>} when the cache's config has {@code jmx=true}, and
 * unregistered by {@link MemoryAwareCache#close()}. Attributes read the cache's {@link CacheStats};
 * the operations set the budget in force or restore the configured one.
 */
public interface CacheMXBean {

  /** The cache's name. */
  String getName();

  /**
   * Whether the cache counts hits, misses, loads and puts ({@code record-stats}, off by default):
   * hits, misses, puts, loads and load failures stay at 0, and the hit rate at 1.0, without it.
   */
  boolean isRecordingStats();

  /** Lookups that found an entry. */
  long getHits();

  /** Lookups that did not. */
  long getMisses();

  /** Hits over lookups; 1.0 before the first lookup. */
  double getHitRate();

  /** Entries written. */
  long getPuts();

  /** Writes refused as heavier than max-entry-bytes. */
  long getRefused();

  /** Loads through {@code get(key, loader)}, successful or not. */
  long getLoads();

  /** Loads whose loader threw. */
  long getLoadFailures();

  /** Entries evicted because the budget was full. */
  long getSizeEvictions();

  /** Entries evicted because memory pressure lowered the budget. */
  long getPressureEvictions();

  /** Entries that expired. */
  long getExpiredEvictions();

  /** Bytes evicted because the budget was full. */
  long getSizeEvictedBytes();

  /** Bytes evicted because memory pressure lowered the budget. */
  long getPressureEvictedBytes();

  /** Bytes that expired. */
  long getExpiredEvictedBytes();

  /** Entries now. */
  long getEntries();

  /** What the entries weigh now, in bytes. */
  long getEstimatedBytes();

  /** The budget in force now, in bytes. */
  long getCurrentBudget();

  /** The budget at NORMAL pressure, in bytes. */
  long getConfiguredBudget();

  /**
   * Sets the budget in force, evicting down to it at once (as SIZE evictions); pressure and
   * recovery carry on from it. See {@link MemoryAwareCache#setBudget(long)}. (Not {@code
   * setBudget}: JMX would take that for an attribute setter.)
   */
  void updateBudget(long bytes);

  /** Restores the configured budget. */
  void resetBudget();
}
