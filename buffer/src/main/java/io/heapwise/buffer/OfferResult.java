package io.heapwise.buffer;

/**
 * What happened to an offered item or batch. Each outcome maps to exactly one counter of {@link
 * BufferStats}, so that {@code offered = accepted + rejected + dropped + callerRan}.
 */
public enum OfferResult {
  /** Admitted with room to spare (counted in {@link BufferStats#accepted()}). */
  ACCEPTED,
  /**
   * Admitted after older items were dropped to make room ({@link OverflowPolicy#DROP_OLDEST}); the
   * offered items count as accepted, the older ones move from accepted to {@link
   * BufferStats#dropped()}.
   */
  ACCEPTED_AFTER_DROP,
  /**
   * Not buffered: the producer delivered everything queued ahead of it and then its own items to
   * the consumer itself ({@link OverflowPolicy#CALLER_RUNS}); counted in {@link
   * BufferStats#callerRan()}. A consumer that threw is reported to the error handler, not here.
   */
  CALLER_RAN,
  /**
   * Not admitted: no room ({@code REJECT}), or no room in time ({@code BLOCK}); counted in {@link
   * BufferStats#rejected()}.
   */
  REJECTED,
  /** Not admitted because the buffer is closed; counted in {@link BufferStats#rejected()}. */
  CLOSED;

  /** Whether the item or batch is in the buffer or already handed to the consumer. */
  public boolean isAccepted() {
    return this == ACCEPTED || this == ACCEPTED_AFTER_DROP || this == CALLER_RAN;
  }
}
