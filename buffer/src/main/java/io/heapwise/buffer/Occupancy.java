package io.heapwise.buffer;

/**
 * What a buffer holds: the room reserved by offers (items, and bytes against {@code max-bytes}),
 * checked and taken with one CAS per offer and given back once the consumer has taken the items.
 * Two forms, chosen by {@link #forBuffer}:
 *
 * <ul>
 *   <li>{@link ItemsAndBytesOccupancy}, with a byte bound or a flusher: items and bytes in one
 *       word, so that an offer reserves both with one CAS and is never refused on one while holding
 *       the other, and learns exactly what was held at its CAS.
 *   <li>{@link EntryRing}, without: the producers' count and the consumer's count on separate cache
 *       lines, so that giving room back does not take the producers' line away from them; and the
 *       producers' CAS claims the offer's place in the ring too.
 * </ul>
 *
 * <p>Counts travel as one word in both forms ({@link #held}, the value {@link #tryReserve}
 * returns): items in bits 38..62 (at most 2^24, the largest capacity, so the sign bit stays clear),
 * bytes in bits 0..37 (at most {@link #MAX_BYTES}, the largest max-bytes).
 */
sealed interface Occupancy permits ItemsAndBytesOccupancy, EntryRing {

  int BYTE_BITS = 38;

  /** The largest byte bound one word can hold: 256 GiB - 1. */
  long MAX_BYTES = (1L << BYTE_BITS) - 1;

  /**
   * The form for a buffer of this capacity and byte bound (0: bytes are not bounded). A flusher's
   * wake-ups need what was held before every offer exactly, at the CAS, which only the one word
   * gives. {@link EntryQueue#forOccupancy} gives the matching queue.
   */
  static Occupancy forBuffer(int capacity, long maxBytes, boolean flusher) {
    if (maxBytes < 0 || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "max-bytes must be in 0.." + MAX_BYTES + ", was " + maxBytes);
    }
    return maxBytes > 0 || flusher ? new ItemsAndBytesOccupancy(maxBytes) : new EntryRing(capacity);
  }

  static long items(long word) {
    return word >>> BYTE_BITS;
  }

  static long bytes(long word) {
    return word & MAX_BYTES;
  }

  static long word(long items, long bytes) {
    return (items << BYTE_BITS) + bytes;
  }

  /**
   * Reserves {@code count} items and {@code weight} bytes if both fit, with one CAS. What was held
   * before is returned exactly when it and {@code count} pass {@code exactAbove} (give -1 to have
   * it exact always); below that it may be an over-count (see {@link EntryRing}).
   *
   * @return the reservation: the items and bytes held before it, as one word ({@link EntryRing}
   *     counts no bytes and puts the place it claimed in their bits instead), for {@link
   *     EntryQueue#put}; or -1 when a bound would be passed (nothing reserved)
   */
  long tryReserve(int count, long weight, int capacity, long exactAbove);

  /** {@link #tryReserve(int, long, int, long)}, returning what was held exactly. */
  default long tryReserve(int count, long weight, int capacity) {
    return tryReserve(count, weight, capacity, -1);
  }

  /** Gives room back. A full fence (a volatile read-modify-write), which callers rely on. */
  void release(int count, long weight);

  /**
   * Gives room back only if it is all the room held: fails, giving nothing back, when anything else
   * was reserved since the caller last looked. A full fence.
   */
  boolean releaseIfAll(int count, long weight);

  /** The items and bytes held now, as one word. */
  long held();

  /** The items held now. */
  default long items() {
    return items(held());
  }
}
