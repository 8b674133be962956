package io.heapwise.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A buffer's outcome counters, in items, and the snapshot that reads them so that {@code offered =
 * accepted + rejected + dropped + callerRan} holds in every {@link BufferStats}. Each offer counts
 * once, when it completes, in the counter of its outcome. Admitted items have no counter of their
 * own: they are the entries the queue ever took plus {@link #batchAdmitted the items of batches
 * beyond their first}, so that a single-item offer pays for no counter.
 */
final class BufferCounters {

  /**
   * Items admitted = entries ever enqueued ({@link EntryQueue#enqueued}: the places claimed, which
   * the enqueue's CAS advances anyway) + this - {@link #abandonedPlaces}. This holds while the
   * buffer's enqueue is the queue's only producer call and its count steps by one per entry, as an
   * MpscArrayQueue's index does (JCTools' linked and chunked queues step by two).
   */
  private final LongAdder batchItemsBeyondFirst = new LongAdder();

  /**
   * Places claimed in an EntryRing and then abandoned: counted as enqueued, never admitted. An
   * AtomicLong: counted on an Error's path too, where a LongAdder's cell could fail to allocate.
   */
  private final AtomicLong abandonedPlaces = new AtomicLong();

  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder callerRan = new LongAdder();
  private final LongAdder drained = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder blockedCount = new LongAdder();

  /**
   * An AtomicLong, not a LongAdder: a BLOCK offer adds to it between the reservation that claimed
   * its place in an EntryRing and the write of that place, where nothing may throw, and a LongAdder
   * allocates a cell under contention. Parked offers are the slow path; one CAS more is nothing.
   */
  private final AtomicLong blockedNanos = new AtomicLong();

  // Volatile fields rather than AtomicLongs: every offer reads the item mark, and an AtomicLong
  // held here would cost it one more dependent load than the buffer's own AtomicLong field did.
  private volatile long highWaterItems;
  private volatile long highWaterBytes;

  private static final VarHandle HIGH_WATER_ITEMS;
  private static final VarHandle HIGH_WATER_BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HIGH_WATER_ITEMS = lookup.findVarHandle(BufferCounters.class, "highWaterItems", long.class);
      HIGH_WATER_BYTES = lookup.findVarHandle(BufferCounters.class, "highWaterBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A batch of {@code count} items is about to be enqueued: called before the enqueue (which counts
   * its first item), so that no snapshot shows an item drained but not admitted.
   */
  void batchAdmitted(int count) {
    batchItemsBeyondFirst.add(count - 1);
  }

  /**
   * An offer abandoned the place it claimed; called before it is counted as rejected, so that a
   * snapshot may briefly count its first item twice (once admitted, once rejected), never not at
   * all.
   */
  void abandoned() {
    abandonedPlaces.incrementAndGet();
  }

  void rejected(int count) {
    rejected.add(count);
  }

  void dropped(int count) {
    dropped.add(count);
  }

  void callerRan(int count) {
    callerRan.add(count);
  }

  void drained(int count) {
    drained.add(count);
  }

  void failed(int count) {
    failed.add(count);
  }

  /** An offer parks for room (BLOCK); {@link #blockedFor} adds its time when it stops waiting. */
  void blocked() {
    blockedCount.increment();
  }

  void blockedFor(long nanos) {
    blockedNanos.addAndGet(nanos);
  }

  /**
   * The item high-water mark: above it, an offer must know exactly what it brought the buffer to.
   */
  long highWaterItems() {
    return highWaterItems;
  }

  /** Raises the item high-water mark to what an offer's reservation brought the buffer to. */
  void heldItems(long items) {
    long seen = highWaterItems;
    // A comparison first: the common case (below the mark) writes nothing.
    while (items > seen && !HIGH_WATER_ITEMS.compareAndSet(this, seen, items)) {
      seen = highWaterItems;
    }
  }

  /** Raises the byte high-water mark; only buffers with max-bytes count bytes. */
  void heldBytes(long bytes) {
    long seen = highWaterBytes;
    while (bytes > seen && !HIGH_WATER_BYTES.compareAndSet(this, seen, bytes)) {
      seen = highWaterBytes;
    }
  }

  /**
   * A snapshot. {@code drained}, then {@code dropped} are read before what was admitted, so {@code
   * accepted} is never negative nor below what the snapshot shows drained; abandoned places before
   * the entries enqueued, so that a place claimed and abandoned in between counts (briefly) as
   * admitted, never as admitted less than nothing. {@code offered} is the sum of the outcomes, so
   * the identity cannot drift.
   *
   * @param entries the buffer's queue, whose {@link EntryQueue#enqueued} is read after these
   * @param occupancy the buffer's {@link Occupancy}, read after the counters
   */
  BufferStats snapshot(String name, EntryQueue entries, Occupancy occupancy, int capacity) {
    long drainedNow = drained.sum(); // first: whatever it counts was admitted before
    long droppedNow = dropped.sum();
    long abandonedNow = abandonedPlaces.get();
    // entries enqueued, then the batches' further items (which are counted before their enqueue)
    long admittedNow = entries.enqueued() + batchItemsBeyondFirst.sum() - abandonedNow;
    long rejectedNow = rejected.sum();
    long callerRanNow = callerRan.sum();
    long held = occupancy.held();
    long offeredNow = admittedNow + rejectedNow + callerRanNow; // = accepted + rejected + ...
    return new BufferStats(
        name,
        offeredNow,
        admittedNow - droppedNow,
        rejectedNow,
        droppedNow,
        callerRanNow,
        drainedNow,
        failed.sum(),
        blockedCount.sum(),
        blockedNanos.get(),
        Occupancy.items(held),
        Occupancy.bytes(held),
        highWaterItems,
        highWaterBytes,
        capacity);
  }
}
