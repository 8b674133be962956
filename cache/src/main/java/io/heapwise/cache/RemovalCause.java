package io.heapwise.cache;

/** Why an entry left the cache, as told to a {@link RemovalListener}. */
public enum RemovalCause {
  /** Removed by {@code invalidate}, {@code invalidateAll} or a removal through {@code asMap()}. */
  EXPLICIT,
  /** Its value was replaced by a write to the same key. */
  REPLACED,
  /** Its {@code ttl} or {@code idle-ttl} ran out. */
  EXPIRED,
  /** Evicted because the budget was full. */
  SIZE,
  /** Evicted because memory pressure lowered the budget. */
  PRESSURE;

  /** Whether the cache removed the entry on its own (EXPIRED, SIZE, PRESSURE). */
  public boolean wasEvicted() {
    return this == EXPIRED || this == SIZE || this == PRESSURE;
  }
}
