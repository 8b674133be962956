package io.heapwise.buffer;

/** What an offer does when the buffer has no room for it. */
public enum OverflowPolicy {
  /** Refuse at once: {@link OfferResult#REJECTED}. Never blocks. */
  REJECT,
  /**
   * Park, first come first served and without spinning, until the consumer frees room or the
   * timeout passes ({@link OfferResult#REJECTED}); an interrupt throws {@link InterruptedException}
   * with nothing admitted.
   */
  BLOCK,
  /** Drop the oldest items to make room, handing each to the drop listener. */
  DROP_OLDEST,
  /**
   * Deliver what is queued, then this offer's items, to the consumer on the producer's own thread
   * (one deliverer at a time, so the consumer still sees one caller at once). While another thread
   * is delivering, the offer first yields and looks for room again for about 20 µs, and takes the
   * room that delivery frees if it can; only then does it wait its turn to deliver. Queueing for
   * the turn at once would make every delivery end by waking it, and add no delivering. Room and
   * turns are not handed out in order of arrival: under mixed per-call policies, an offer backing
   * off may take room ahead of BLOCK offers already waiting. A wait for the turn ends with {@link
   * OfferResult#CLOSED} within a few milliseconds of {@code close()}, and an interrupt throws
   * {@link InterruptedException} with nothing admitted, as under BLOCK.
   */
  CALLER_RUNS
}
