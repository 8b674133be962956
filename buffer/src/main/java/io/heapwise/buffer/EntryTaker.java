package io.heapwise.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consumer's side of a buffer's queue of entries: takes whole entries out into one reusable
 * list of items, {@link #taken()}, for one delivery at a time. Entries are never split: one that
 * does not fit waits, whole, for the next take. Used only under the buffer's consumer lock, which
 * guards all of its state; every poll is made under the buffer's removal lock.
 */
final class EntryTaker<T> {

  /** How a take ended: at its limit, with the queue empty, or given up on a preempted producer. */
  private static final int TOOK_LIMIT = 0;

  private static final int TOOK_ALL = 1;
  private static final int TOOK_GAVE_UP = 2;

  /**
   * How often a consumer (or a DROP_OLDEST producer) looks again when the queue is empty but room
   * is reserved, before it gives up: a reservation is followed by its enqueue within a few
   * instructions (and, for a weighed single item, a poll of the holder queue), so this only waits
   * out a producer preempted in between (about 100 µs at most).
   */
  static final int SPIN_LIMIT = 2_000;

  /** What {@link #pollReserved} returns when it stopped waiting for a reserved entry. */
  private static final Object GAVE_UP = new Object();

  private final EntryQueue entries;
  private final EntryHolders holders;
  private final Occupancy occupancy;
  private final ReentrantLock removalLock;

  private final List<T> taken = new ArrayList<>();

  /** What the items in {@link #taken} weighed when admitted. */
  private long takenWeight;

  /**
   * An entry polled that did not fit in the current take; taken first next time. Its items are
   * still counted in {@link #occupancy}.
   */
  private Object pending;

  /**
   * How many items were reserved when the current take first found the queue empty; -1 before that.
   * Bounds how long {@link #pollReserved} waits.
   */
  private long reservedWhenEmpty = -1;

  /** Whether the current take waits for entries reserved but not yet enqueued. */
  private boolean waitForReserved;

  EntryTaker(
      EntryQueue entries, EntryHolders holders, Occupancy occupancy, ReentrantLock removalLock) {
    this.entries = entries;
    this.holders = holders;
    this.occupancy = occupancy;
    this.removalLock = removalLock;
  }

  /**
   * The items of the current take, in order. Each take clears it first; the buffer also clears it
   * once it has handed the items over, so that it keeps no item alive between deliveries.
   */
  List<T> taken() {
    return taken;
  }

  /** The size of the batch waiting for the next take, or 0 when none waits. */
  int pendingBatchSize() {
    return pending instanceof Batch batch ? batch.size : 0;
  }

  /**
   * Moves up to {@code max} items into {@link #taken()}, whole entries only; with {@code oversize},
   * a first entry larger than {@code max} is taken whole. When the queue runs empty while offers
   * are between their reservation and their enqueue, it waits for them (briefly, see {@link
   * #SPIN_LIMIT}): so that whatever was reserved before the take began is in it, which a final
   * flush and a CALLER_RUNS offer (delivering everything ahead of its own items) rely on. The room
   * stays reserved: the caller gives it back after the delivery, so the bound covers batches being
   * delivered.
   *
   * @return the weight taken
   */
  long take(int max, boolean oversize) {
    return take(max, oversize, true);
  }

  /**
   * Like {@link #take}, but takes only what is enqueued: it stops at the first entry not yet
   * written, without waiting for offers in flight, which the next take finds. For a consumer that
   * drains in a loop: on an empty queue it reads nothing the producers write but the next slot.
   * Waiting (as {@link #take} does) would read {@link #occupancy}, which every offer CASes, on
   * every empty drain; in a one-producer hand-off that cache line then moved between the two
   * threads so often that the producer offered at half the rate (docs/benchmarks.md).
   *
   * @return the weight taken
   */
  long takeEnqueued(int max) {
    return take(max, true, false);
  }

  private long take(int max, boolean oversize, boolean waitForReserved) {
    begin(waitForReserved);
    // Polls exclude DROP_OLDEST drops: each side sees the other's removals whole.
    removalLock.lock();
    try {
      fill(max, oversize);
    } finally {
      removalLock.unlock();
    }
    return takenWeight;
  }

  /**
   * Like {@link #take}, but for a caller's own list or array: the room is given back at once, in
   * the same step as the polls, so the drain is linearizable with the offers. When the queue ran
   * empty, the room goes back with one CAS that succeeds only if what is held is exactly what I
   * took ({@link Occupancy#releaseIfAll}): that CAS fails if an offer reserved room after the last
   * poll, and then its entry is taken too. So no drain returns while an offer that already saw its
   * room taken is left behind (checked by Lincheck). The caller wakes blocked producers afterwards.
   */
  void takeAndRelease(int max, boolean oversize) {
    begin(true);
    removalLock.lock();
    try {
      while (true) {
        int end = fill(max, oversize);
        int count = taken.size();
        if (count == 0) {
          return;
        }
        if (end != TOOK_ALL) {
          occupancy.release(count, takenWeight);
          return;
        }
        if (occupancy.releaseIfAll(count, takenWeight)) { // this drain's linearization point
          return;
        }
        // An offer reserved after our last poll, and it may have been seen holding its room:
        // take its entry too (a new count of what is reserved makes pollReserved wait for it).
        reservedWhenEmpty = -1;
      }
    } finally {
      removalLock.unlock();
    }
  }

  private void begin(boolean waitForReserved) {
    this.waitForReserved = waitForReserved;
    reservedWhenEmpty = -1;
    taken.clear();
    takenWeight = 0;
  }

  @SuppressWarnings("unchecked")
  private int fill(int max, boolean oversize) {
    while (taken.size() < max) {
      Object entry = pending;
      if (entry == null) {
        entry = pollReserved(taken.size());
        if (entry == null) {
          return TOOK_ALL;
        }
        if (entry == GAVE_UP) {
          return TOOK_GAVE_UP;
        }
      } else {
        pending = null;
      }
      if (EntryHolders.isBare(entry)) { // one item, no weight, no holder: it fits, as size < max
        taken.add((T) entry);
        continue;
      }
      if (taken.size() + EntryHolders.sizeOf(entry) > max && (!taken.isEmpty() || !oversize)) {
        pending = entry; // keep an admitted batch whole, in the next take
        return TOOK_LIMIT;
      }
      EntryHolders.addItems(entry, taken);
      takenWeight += EntryHolders.weightOf(entry);
      holders.recycle(entry); // its items are in taken now
    }
    return TOOK_LIMIT;
  }

  /**
   * Polls the next entry. When the queue looks empty but more items are reserved than this take
   * holds, an offer is between its reservation and its enqueue: unless the take is {@linkplain
   * #takeEnqueued enqueued-only}, wait for it (briefly, see {@link #SPIN_LIMIT}), so that a take
   * does not miss an item whose room something may already have seen taken.
   *
   * <p>It waits only for the items reserved when the take first found the queue empty, not for
   * offers that came later. Chasing a producer that keeps offering would have the consumer read
   * {@link #occupancy} on every spin while the producer CASes it on every offer: the cache line
   * would travel between them for each item, which made the one-producer hand-off slow and erratic
   * (see docs/benchmarks.md). A later offer that matters to a linearizable take is caught by that
   * take's final CAS on {@link #occupancy}, which then counts again (see {@link #takeAndRelease}).
   */
  private Object pollReserved(int count) {
    if (!waitForReserved) {
      // relaxedPoll: on an empty queue, poll reads the producer index, which every offer CASes. A
      // slot claimed but not yet written reads as empty, and what follows it waits for the next
      // take.
      return entries.relaxedPoll();
    }
    // poll: it waits out a slot claimed but not yet written, so that nothing enqueued after it (a
    // CALLER_RUNS producer's earlier items, say) is left behind.
    Object entry = entries.poll();
    if (entry != null) {
      return entry;
    }
    if (reservedWhenEmpty < 0) {
      reservedWhenEmpty = occupancy.items();
    }
    int spins = 0;
    // The current count too: an offer that gave its room back (the buffer closed) never comes.
    while (entry == null && Math.min(reservedWhenEmpty, occupancy.items()) > count) {
      if (++spins > SPIN_LIMIT) {
        return GAVE_UP; // a preempted producer: do not wait for it any longer
      }
      Thread.onSpinWait();
      entry = entries.poll();
    }
    return entry;
  }
}
