package io.heapwise.buffer;

/**
 * Where a buffer's admitted entries wait for the consumer, in the order their offers claimed their
 * places. Two forms, matching the two forms of {@link Occupancy}:
 *
 * <ul>
 *   <li>{@link EntryRing}, which is the buffer's occupancy too: the CAS that reserves an offer's
 *       items also claims its place, so an offer makes one CAS where a queue behind an occupancy
 *       needs two.
 *   <li>{@link MpscEntryQueue}, behind an {@link ItemsAndBytesOccupancy}: items and bytes need the
 *       whole word of that CAS, and the queue claims places with a CAS of its own.
 * </ul>
 *
 * <p>One consumer at a time: every poll is made under the buffer's removal lock, whose
 * happens-before edges carry the consumer's position from one polling thread to the next.
 */
sealed interface EntryQueue permits EntryRing, MpscEntryQueue {

  /** The queue for a buffer whose room is counted by {@code occupancy}. */
  static EntryQueue forOccupancy(Occupancy occupancy, int capacity) {
    return occupancy instanceof EntryRing ring ? ring : new MpscEntryQueue(capacity);
  }

  /**
   * Enqueues the entry of an offer whose room {@code reservation} (what {@link
   * Occupancy#tryReserve} returned) holds. Never fails: the room bounds the entries. Each
   * reservation must be followed by exactly one {@code put} or {@link #abandon}, with nothing in
   * between that can throw but a stack overflow (see BoundedBatchBuffer's enqueueReserved).
   */
  void put(long reservation, Object entry);

  /**
   * Gives up a reservation without an entry: the buffer closed in between, or an Error came.
   *
   * @return how many of its {@code count} items' room the caller gives back now; the rest goes back
   *     when the consumer passes the abandoned place
   */
  int abandon(long reservation, int count);

  /**
   * Passes abandoned places at the head of the queue, under the buffer's removal lock; an
   * abandoning offer calls it after {@link #abandon}. So when the buffer closes with nothing left
   * in it, the last abandoning offer passes every abandoned place and no room stays held without a
   * drain. An abandoned place behind entries (close() timed out, or was called from the handler)
   * keeps its item of room until a drain passes it.
   */
  void passAbandoned();

  /** The next entry, waiting for one whose place is claimed but not yet written; or null. */
  Object poll();

  /**
   * The next entry, or null when the next place is not written yet, even if it is claimed: reads
   * nothing the producers write but that place.
   */
  Object relaxedPoll();

  /**
   * Entries ever put (abandoned places included, see {@link #abandon}): claimed places may count
   * before they are written. Exact once the producers are quiet.
   */
  long enqueued();
}
