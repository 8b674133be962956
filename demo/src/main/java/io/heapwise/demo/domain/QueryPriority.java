package io.heapwise.demo.domain;

/** How urgent an {@link ExpertQuery} is; the seed's default is {@link #MEDIUM}. */
public enum QueryPriority {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
