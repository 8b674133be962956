package io.heapwise.buffer;

/** What happened to an offered item or batch. Every outcome except ACCEPTED is counted. */
public enum OfferResult {
  /** Admitted with room to spare. */
  ACCEPTED,
  /** Admitted after older items were dropped ({@link OverflowPolicy#DROP_OLDEST}). */
  ACCEPTED_AFTER_DROP,
  /** Admitted after the producer delivered a batch itself ({@link OverflowPolicy#CALLER_RUNS}). */
  ACCEPTED_AFTER_CALLER_RAN,
  /**
   * Not admitted: no room ({@code REJECT}), no room in time ({@code BLOCK}), or the buffer is
   * closed.
   */
  REJECTED;

  /** Whether the item or batch is in the buffer. */
  public boolean isAccepted() {
    return this != REJECTED;
  }
}
