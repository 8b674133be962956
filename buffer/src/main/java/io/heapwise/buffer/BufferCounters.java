package io.heapwise.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A buffer's outcome counters, in items, and the snapshot that reads them so that {@code offered =
 * accepted + rejected + dropped + callerRan} holds in every {@link BufferStats}. Each offer counts
 * once, when it completes, in the counter of its outcome; items admitted are not counted here but
 * derived from the queue's producer index (see {@link #snapshot}).
 */
final class BufferCounters {

  /**
   * Items admitted = entries ever enqueued (the queue's producer index, which the enqueue CAS
   * advances anyway) + this: a batch's items beyond the first. So a single-item offer pays for no
   * counter of its own; only batches add here, once per batch, before their enqueue (so that no
   * snapshot shows an item drained but not admitted). This holds while the buffer's enqueue (an
   * {@code offer} on {@link EntryQueue}) is the queue's only producer call and the queue's index
   * steps by one per entry, as an MpscArrayQueue's does (JCTools' linked and chunked queues step by
   * two).
   */
  final LongAdder batchItemsBeyondFirst = new LongAdder();

  final LongAdder rejected = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder callerRan = new LongAdder();
  final LongAdder drained = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder blockedCount = new LongAdder();
  final LongAdder blockedNanos = new LongAdder();
  // Fields, not AtomicLongs: every offer reads them, and a holder object would cost it one more
  // dependent load.
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

  /** Raises the item high-water mark to what an offer's reservation brought the buffer to. */
  void heldItems(long items) {
    long seen = highWaterItems;
    // A plain comparison first: the common case (below the mark) writes nothing.
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
   * accepted} is never negative nor below what the snapshot shows drained; {@code offered} is the
   * sum of the outcomes, so the identity cannot drift.
   *
   * @param entries the queue, whose producer index counts the entries ever enqueued
   * @param occupancy the {@link Occupancy} word, read after the counters
   */
  BufferStats snapshot(String name, EntryQueue entries, Occupancy occupancy, int capacity) {
    long drainedNow = drained.sum(); // first: whatever it counts was admitted before
    long droppedNow = dropped.sum();
    // entries enqueued, then the batches' further items (which are counted before their enqueue)
    long admittedNow = entries.currentProducerIndex() + batchItemsBeyondFirst.sum();
    long rejectedNow = rejected.sum();
    long callerRanNow = callerRan.sum();
    long held = occupancy.get();
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
        blockedNanos.sum(),
        Occupancy.items(held),
        Occupancy.bytes(held),
        highWaterItems,
        highWaterBytes,
        capacity);
  }
}
