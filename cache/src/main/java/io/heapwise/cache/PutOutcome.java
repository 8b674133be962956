package io.heapwise.cache;

/** What {@link MemoryAwareCache#put} did with an entry. */
public enum PutOutcome {
  /** The entry is in the cache (it may still be evicted later, like any other). */
  STORED,
  /**
   * The entry weighs more than {@code max-entry-bytes} and was not cached; any previous value of
   * the key was left as it was. Counted in {@link CacheStats#refused()}.
   */
  REFUSED_TOO_LARGE
}
