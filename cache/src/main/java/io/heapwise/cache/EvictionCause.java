package io.heapwise.cache;

/** Why the cache removed an entry on its own. */
public enum EvictionCause {
  /** The budget was full at NORMAL pressure. */
  SIZE,
  /** Memory pressure lowered the budget. */
  PRESSURE,
  /** Its {@code ttl} or {@code idle-ttl} ran out. */
  EXPIRED
}
