package io.heapwise.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.util.PaddedAtomicLong;

/**
 * The occupancy of a buffer without a byte bound, split between the producers and the consumer:
 * producers CAS the count of items reserved (this padded long), the consumer adds what it gives
 * back to a count of its own (producers add to it too, rarely: room an offer gives back on close)
 * ({@link #released}, on another cache line), and what is held is the difference. With one shared
 * word, every delivery's release took the line every offer CASes away from the producers, and their
 * next CAS waited for it: in the one-producer hand-off that cost the producer about a third of its
 * rate (docs/benchmarks.md).
 *
 * <p>Producers check the bound against {@link #releasedSeen}, a copy of {@link #released} that can
 * only be behind (both only grow): an offer that fits against the copy fits, and only one that does
 * not (or that would pass a mark the caller asks to be told of exactly) reads the consumer's count
 * again, as JCTools' {@code producerLimit} does for its queue's index. The buffer asks for what was
 * held exactly above its high-water mark (the mark must stay exact); a buffer with a flusher, which
 * needs every count exact at the CAS, uses the one-word form instead. So a producer reads the
 * consumer's line once per (high-water mark - items held) items or so, not once per delivery. A
 * mark may count room given back in the instant between that read and the CAS; never more than the
 * capacity.
 *
 * <p>{@link #releaseIfAll} lowers the producers' count instead, with a CAS that fails when an offer
 * reserved since: the one-word form's guarantee for a linearizable drain. Neither count can wrap:
 * 2^63 items is centuries at any rate.
 */
final class ItemsOccupancy extends PaddedAtomicLong implements Occupancy {

  /** How often {@link #items()} reads again while deliveries keep changing what it reads. */
  private static final int CONSISTENT_READ_TRIES = 64;

  private static final VarHandle RELEASED_SEEN;

  static {
    try {
      RELEASED_SEEN =
          MethodHandles.lookup().findVarHandle(ItemsOccupancy.class, "releasedSeen", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Items given back: only grows. Its own padded line, written once per delivery. */
  private final PaddedAtomicLong released = new PaddedAtomicLong();

  /**
   * The producers' copy of {@link #released}; at most what it is. Read opaquely (a plain load) on
   * every offer and written with release semantics when refreshed: a stale or even an older value
   * written over a newer one only makes the check stricter, and the refresh reads the real count.
   * Declared volatile only so that the VarHandle access cannot tear the long.
   */
  @SuppressWarnings("unused") // accessed through RELEASED_SEEN
  private volatile long releasedSeen;

  @Override
  public long tryReserve(int count, long weight, int capacity, long exactAbove) {
    if (count == 0) {
      return Occupancy.word(items(), 0); // nothing to reserve (weights are not counted here)
    }
    long seen = (long) RELEASED_SEEN.getOpaque(this);
    long reserved;
    do {
      reserved = get();
      long after = reserved + count - seen; // what would be held, or more while the copy lags
      if (after > capacity || after > exactAbove) {
        long now = released.get();
        if (now != seen) { // written only when it moved: producers share this line
          seen = now;
          RELEASED_SEEN.setRelease(this, now);
        }
        if (reserved + count - seen > capacity) {
          return -1;
        }
      }
    } while (!compareAndSet(reserved, reserved + count));
    return Occupancy.word(reserved - seen, 0);
  }

  @Override
  public void release(int count, long weight) {
    released.addAndGet(count);
  }

  @Override
  public boolean releaseIfAll(int count, long weight) {
    long reserved = get();
    if (reserved - released.get() != count) {
      return false;
    }
    return compareAndSet(reserved, reserved - count);
  }

  @Override
  public long held() {
    return Occupancy.word(items(), 0);
  }

  /**
   * Exact: the producers' count read between two equal reads of the consumer's, which only grows,
   * was read while the consumer's count had that value.
   */
  @Override
  public long items() {
    for (int i = 0; i < CONSISTENT_READ_TRIES; i++) {
      long releasedBefore = released.get();
      long reserved = get();
      if (released.get() == releasedBefore) {
        return reserved - releasedBefore;
      }
    }
    // Deliveries kept coming: the producers' count first, so that this errs low, never below 0.
    long reserved = get();
    return Math.max(0, reserved - released.get());
  }
}
