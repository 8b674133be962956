package io.heapwise.buffer;

import org.jctools.util.PaddedAtomicLong;

/**
 * The occupancy of a buffer with a byte bound (or a flusher, see {@link Occupancy}): items and
 * bytes in one word, so that an offer checks and reserves both bounds with one CAS. With two
 * counters an offer takes its items, then its bytes: one that got the items but not the bytes held
 * item room for a moment, in which a concurrent offer could be refused (or, under DROP_OLDEST, drop
 * an entry) where a sequential buffer had room. Lincheck found it. One word also lets a
 * linearizable drain give back items and bytes with one CAS, and gives stats a consistent pair.
 *
 * <p>The word's layout is {@link Occupancy}'s. Every change adds a delta whose parts keep both
 * fields within their bounds, or subtracts a delta no larger than what is held in either part, so
 * neither part ever carries into or borrows from the other.
 *
 * <p>Padded: every offer CASes it, and a neighbour the consumer writes (its lock's state, say)
 * would make each of those CASes a cache miss. It is the padded long rather than a holder of one,
 * so that an offer's CAS is two dependent loads away from the buffer, not three. The consumer's
 * releases still write this line, once per delivery; {@link EntryRing} avoids that where no byte
 * bound needs the one word.
 */
final class ItemsAndBytesOccupancy extends PaddedAtomicLong implements Occupancy {

  /** The byte bound; 0 when bytes are not bounded, and then weights are not counted at all. */
  private final long maxBytes;

  ItemsAndBytesOccupancy(long maxBytes) {
    if (maxBytes < 0 || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "max-bytes must be in 0.." + MAX_BYTES + ", was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  private long delta(int count, long weight) {
    return Occupancy.word(count, maxBytes > 0 ? weight : 0);
  }

  /** Always exact: the word read for the CAS is what was held. */
  @Override
  public long tryReserve(int count, long weight, int capacity, long exactAbove) {
    long delta = delta(count, weight);
    long now;
    do {
      now = get();
      // No items (DROP_OLDEST topping up bytes) cannot pass the item bound, even one lowered
      // under pressure below what is held.
      if ((count > 0 && Occupancy.items(now) + count > capacity)
          || (maxBytes > 0 && Occupancy.bytes(now) + weight > maxBytes)) {
        return -1;
      }
    } while (!compareAndSet(now, now + delta));
    return now;
  }

  @Override
  public void release(int count, long weight) {
    addAndGet(-delta(count, weight));
  }

  @Override
  public boolean releaseIfAll(int count, long weight) {
    return compareAndSet(delta(count, weight), 0);
  }

  @Override
  public long held() {
    return get();
  }
}
