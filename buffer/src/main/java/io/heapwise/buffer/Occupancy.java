package io.heapwise.buffer;

import org.jctools.util.PaddedAtomicLong;

/**
 * What a buffer holds, items and bytes, in one word, so that an offer checks and reserves both
 * bounds with one CAS. With two counters an offer takes its items, then its bytes: one that got the
 * items but not the bytes held item room for a moment, in which a concurrent offer could be refused
 * (or, under DROP_OLDEST, drop an entry) where a sequential buffer had room. Lincheck found it. One
 * word also lets a linearizable drain give back items and bytes with one CAS, and gives stats a
 * consistent pair.
 *
 * <p>Layout: items in bits 38..62 (at most 2^24, the largest capacity, so the sign bit stays
 * clear), bytes in bits 0..37 (at most {@link #MAX_BYTES}, the largest max-bytes). Every change
 * adds a delta whose parts keep both fields within their bounds, or subtracts a delta no larger
 * than what is held in either part, so neither part ever carries into or borrows from the other.
 *
 * <p>Padded: every offer CASes it, and a neighbour the consumer writes (its lock's state, say)
 * would make each of those CASes a cache miss. It is the padded long rather than a holder of one,
 * so that an offer's CAS is two dependent loads away from the buffer, not three.
 */
final class Occupancy extends PaddedAtomicLong {

  static final int BYTE_BITS = 38;

  /** The largest byte bound one word can hold: 256 GiB - 1. */
  static final long MAX_BYTES = (1L << BYTE_BITS) - 1;

  /** The byte bound; 0 when bytes are not bounded, and then weights are not counted at all. */
  private final long maxBytes;

  Occupancy(long maxBytes) {
    if (maxBytes < 0 || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "max-bytes must be in 0.." + MAX_BYTES + ", was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  static long items(long word) {
    return word >>> BYTE_BITS;
  }

  static long bytes(long word) {
    return word & MAX_BYTES;
  }

  long items() {
    return items(get());
  }

  /**
   * Reserves {@code count} items and {@code weight} bytes if both fit, with one CAS.
   *
   * @return the word before the reservation, or -1 when a bound would be passed (nothing reserved)
   */
  long tryReserve(int count, long weight, int capacity) {
    long delta = delta(count, weight);
    long now;
    do {
      now = get();
      // No items (DROP_OLDEST topping up bytes) cannot pass the item bound, even one lowered
      // under pressure below what is held.
      if ((count > 0 && items(now) + count > capacity)
          || (maxBytes > 0 && bytes(now) + weight > maxBytes)) {
        return -1;
      }
    } while (!compareAndSet(now, now + delta));
    return now;
  }

  /** Gives room back. A full fence (a volatile read-modify-write), which callers rely on. */
  void release(int count, long weight) {
    addAndGet(-delta(count, weight));
  }

  /**
   * Gives room back only if it is all the room held: fails when anything else was reserved since
   * the caller last looked.
   */
  boolean releaseIfAll(int count, long weight) {
    return compareAndSet(delta(count, weight), 0);
  }

  private long delta(int count, long weight) {
    return ((long) count << BYTE_BITS) + (maxBytes > 0 ? weight : 0);
  }
}
