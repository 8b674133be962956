package io.heapwise.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.util.PaddedAtomicLong;
import org.jctools.util.Pow2;

/**
 * The entries of a buffer without a byte bound or a flusher, and the room they hold: a ring of
 * places, and one word (this padded long) that a producer CASes once to reserve its offer's items
 * and claim the offer's place: places claimed in its high half, items reserved in its low half.
 * With the room counted apart from a queue, every offer made two CASes on two lines, the
 * reservation and the queue's own; in a one-producer hand-off the second one cost about a quarter
 * of the producer's rate (docs/benchmarks.md).
 *
 * <p><b>The places.</b> A power of two of them, at least the capacity, so the room alone keeps a
 * producer off a place still in use: each entry still in the ring holds at least one item of the
 * room (an {@linkplain #abandon abandoned} place too, exactly one), and an offer claims only when
 * its items fit in the capacity, so at most capacity entries are in the ring at any time. A
 * producer writes its place with a release store; the consumer takes an entry with an acquire load
 * and writes null back with a plain store, which reaches the next producer of that place through
 * the room given back afterwards: a volatile add on {@link #released}, which producers read before
 * they claim, directly or through {@link #releasedSeen}; or {@link #releaseIfAll}'s CAS on the
 * word, which the next claim's CAS reads; or, for DROP_OLDEST's claim of no items, the removal lock
 * its drops were polled under. The consumer's position is {@link #consumed}; only threads holding
 * the buffer's removal lock poll.
 *
 * <p><b>The room.</b> Producers add to the items reserved; the consumer adds what it gives back to
 * a count of its own ({@link #released}, on another cache line), and what is held is the
 * difference: giving room back does not take the producers' line away from them. Producers check
 * the bound against {@link #releasedSeen}, a copy of {@link #released} that can only be behind
 * (both only grow): an offer that fits against the copy fits, and only one that does not (or that
 * would pass a mark the caller asks to be told of exactly) reads the consumer's count again, as
 * JCTools' {@code producerLimit} does for its queue's index. The buffer asks for what was held
 * exactly above its high-water mark (the mark must stay exact). A mark may count room given back in
 * the instant between that read and the CAS; never more than the capacity. Both counts are compared
 * in 32 bits: what is held is at most 2^24 and the copy lags by about as much at most, so their
 * difference is exact although each wraps.
 *
 * <p>{@link #releaseIfAll} lowers the items reserved instead, with a CAS that fails when an offer
 * reserved since: the guarantee a linearizable drain needs.
 */
final class EntryRing extends PaddedAtomicLong implements Occupancy, EntryQueue {

  /** How often {@link #items()} reads again while deliveries keep changing what it reads. */
  private static final int CONSISTENT_READ_TRIES = 64;

  /** What an {@linkplain #abandon abandoned} place holds; takers never see it. */
  private static final Object ABANDONED = new Object();

  private static final long LOW_HALF = 0xFFFF_FFFFL;

  private static final VarHandle RELEASED_SEEN;
  private static final VarHandle PLACES = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      RELEASED_SEEN =
          MethodHandles.lookup().findVarHandle(EntryRing.class, "releasedSeen", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] places;
  private final int mask;

  /** Items given back: only grows. Its own padded line, written once per delivery. */
  private final PaddedAtomicLong released = new PaddedAtomicLong();

  /**
   * Places the consumer has passed: only grows, and never passes the places claimed. Its own padded
   * line: written on every poll, read by producers never (by stats only).
   */
  private final PaddedAtomicLong consumed = new PaddedAtomicLong();

  /**
   * The producers' copy of {@link #released}; at most what it is, and only raised ({@link
   * #refreshedCopy}). Read with acquire semantics on every offer (a plain load where loads are
   * ordered anyway, as on x86) so that a place freed before the room it frees is seen free. It lags
   * the real count by about the capacity at most: an offer that finds the copy says full reads the
   * real count, and room is given back only for items held. Declared volatile only so that the
   * VarHandle access cannot tear the long.
   */
  @SuppressWarnings("unused") // accessed through RELEASED_SEEN
  private volatile long releasedSeen;

  EntryRing(int capacity) {
    if (capacity < 1 || capacity > BufferConfig.MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be in 1.." + BufferConfig.MAX_CAPACITY + ", was " + capacity);
    }
    this.places = new Object[Pow2.roundToPowerOfTwo(Math.max(2, capacity))];
    this.mask = places.length - 1;
  }

  private static int claims(long word) {
    return (int) (word >>> Integer.SIZE);
  }

  private static int reservedItems(long word) {
    return (int) word;
  }

  /** Exact although both counts wrap: what is held is at most 2^24. */
  private static int held(long word, long released) {
    return reservedItems(word) - (int) released;
  }

  private static long word(int claims, int reservedItems) {
    return ((long) claims << Integer.SIZE) | (reservedItems & LOW_HALF);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the reservation also claims the offer's place, returned in the bytes' bits (this form
   * counts no bytes) for {@link #put}. A reservation of no items (DROP_OLDEST's, whose drops hold
   * its room) claims a place and cannot fail.
   */
  @Override
  public long tryReserve(int count, long weight, int capacity, long exactAbove) {
    long word;
    int held;
    do {
      word = get();
      // The copy after the word: a producer that stalls after reading it finds the word changed
      // at its CAS if others offered meanwhile, so the copy it checked is never much older than
      // the word it CASes, and their 32-bit difference never wraps.
      held = held(word, (long) RELEASED_SEEN.getAcquire(this)); // what is held, or more
      if (count > 0 && (held + count > capacity || held + count > exactAbove)) {
        held = held(word, refreshedCopy());
        if (held + count > capacity) {
          return -1;
        }
      }
    } while (!compareAndSet(word, word(claims(word) + 1, reservedItems(word) + count)));
    // Never negative (a negative reservation would read as none, leaving the place unwritten).
    return Occupancy.word(Math.max(0, held), Integer.toUnsignedLong(claims(word)));
  }

  /**
   * Reads the consumer's count and raises {@link #releasedSeen} to it, never lowers it: a producer
   * that read the count long ago does not set the copy back. Written only when it moved, since
   * every producer reads that line.
   *
   * @return the copy now
   */
  private long refreshedCopy() {
    long now = released.get();
    long copy = (long) RELEASED_SEEN.getAcquire(this);
    while (copy < now) {
      if (RELEASED_SEEN.compareAndSet(this, copy, now)) {
        return now;
      }
      copy = (long) RELEASED_SEEN.getAcquire(this);
    }
    return copy;
  }

  @Override
  public void release(int count, long weight) {
    released.addAndGet(count);
  }

  @Override
  public boolean releaseIfAll(int count, long weight) {
    long word = get();
    if (held(word, released.get()) != count) {
      return false;
    }
    return compareAndSet(word, word(claims(word), reservedItems(word) - count));
  }

  @Override
  public long held() {
    return Occupancy.word(items(), 0);
  }

  /**
   * Exact: the items reserved read between two equal reads of the consumer's count, which only
   * grows, were read while the consumer's count had that value.
   */
  @Override
  public long items() {
    for (int i = 0; i < CONSISTENT_READ_TRIES; i++) {
      long releasedBefore = released.get();
      long word = get();
      if (released.get() == releasedBefore) {
        return held(word, releasedBefore);
      }
    }
    // Deliveries kept coming: the items reserved first, so that this errs low, never below 0.
    long word = get();
    return Math.max(0, held(word, released.get()));
  }

  private int placeOf(long reservation) {
    return (int) Occupancy.bytes(reservation) & mask;
  }

  /** A release store: whoever takes the entry sees what the producer wrote into it (a batch). */
  @Override
  public void put(long reservation, Object entry) {
    PLACES.setRelease(places, placeOf(reservation), entry);
  }

  /**
   * The place cannot be unclaimed, and a consumer waits for every claimed place: it gets a marker
   * that takers skip. It keeps one item of the room until the consumer passes it, so that the room
   * still bounds the entries in the ring.
   */
  @Override
  public int abandon(long reservation, int count) {
    put(reservation, ABANDONED);
    return count - 1;
  }

  @Override
  public Object relaxedPoll() {
    Object entry;
    while ((entry = pollPlace()) == ABANDONED) {
      passed();
    }
    return entry;
  }

  @Override
  public void passAbandoned() {
    while (PLACES.getAcquire(places, (int) consumed.get() & mask) == ABANDONED) {
      pollPlace();
      passed();
    }
  }

  /** Takes what the next place holds, an abandoned marker too; null when it is not written. */
  private Object pollPlace() {
    long index = consumed.get();
    int place = (int) index & mask;
    Object entry = PLACES.getAcquire(places, place);
    if (entry != null) {
      places[place] = null; // ordered before this place's next claim by the room given back later
      consumed.lazySet(index + 1);
    }
    return entry;
  }

  /**
   * Gives back the item of room an abandoned place kept. No producer is woken here: an abandoning
   * offer wakes them after its own {@link #passAbandoned}, and the buffer wakes them after every
   * take, even one that delivered nothing.
   */
  private void passed() {
    released.addAndGet(1);
  }

  /**
   * Waits for a place claimed but not yet written: its producer is between its CAS and its {@link
   * #put}, which runs no user code and allocates nothing (a BLOCK offer leaves its wait queue in
   * between). The wait is not bounded, as in MpscArrayQueue's poll: a producer preempted there is
   * waited for, which keeps drains linearizable; only an error no code can guard against (a stack
   * overflow right there) would leave a place unwritten for good, as in MpscArrayQueue. Reads the
   * producers' word only when the ring looks empty.
   */
  @Override
  public Object poll() {
    Object entry;
    while ((entry = relaxedPoll()) == null) {
      if (claims(get()) == (int) consumed.get()) {
        return null;
      }
      Thread.onSpinWait();
    }
    return entry;
  }

  /** The consumer's position first: it never passes the claims, so the difference is >= 0. */
  @Override
  public long enqueued() {
    long passed = consumed.get();
    int claimed = claims(get());
    return passed + Integer.toUnsignedLong(claimed - (int) passed);
  }
}
