package io.heapwise.buffer;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpmcArrayQueue;

/**
 * Keeps emptied {@link Batch}es for the next {@code offerBatch}, so that batches of a steady size
 * allocate nothing, even with a whole flush of small batches in flight. Bounded twice: at most
 * {@link #MAX_KEPT} batches, holding at most as many slots as the buffer's capacity (but {@link
 * #MIN_KEPT_SLOTS} at least), so the kept arrays never weigh more than the buffer's own queue. A
 * batch over {@link #MAX_LENGTH} items gets an array of its own that the collector takes after
 * delivery.
 *
 * <p>Any thread takes and gives back: producers (a batch that was not queued), the consumer (a
 * delivered batch), DROP_OLDEST producers (a dropped one); hence a many-to-many queue, whose offer
 * and poll order the clearing of a batch before its reuse.
 */
final class BatchRecycler {

  static final int MAX_LENGTH = 256;
  static final int MAX_KEPT = 1024;
  static final int MIN_KEPT_SLOTS = 4096;

  /** The smallest array handed out: batches of 2 to 8 share one size class. */
  private static final int MIN_LENGTH = 8;

  private final MpmcArrayQueue<Batch> free;
  private final int maxKeptSlots;

  /** Slots of the batches in {@link #free}, reserved before a batch goes in. */
  private final AtomicInteger keptSlots = new AtomicInteger();

  BatchRecycler(int bufferCapacity) {
    this.free = new MpmcArrayQueue<>(Math.max(16, Math.min(bufferCapacity / 2, MAX_KEPT)));
    this.maxKeptSlots = Math.max(MIN_KEPT_SLOTS, bufferCapacity);
  }

  /** An empty batch whose array holds at least {@code size} items. */
  Batch take(int size) {
    Batch batch = free.poll();
    if (batch != null) {
      keptSlots.addAndGet(-batch.items.length);
      if (batch.items.length >= size) {
        return batch;
      }
    }
    // Too small (or none kept): the small one goes to the collector, and the new one is rounded
    // up so that batches of similar sizes reuse it; one too large to keep is sized exactly.
    return new Batch(lengthFor(size));
  }

  /** Empties {@code batch} (its slots no longer hold items alive) and keeps it if there is room. */
  void give(Batch batch) {
    Arrays.fill(batch.items, 0, batch.size, null);
    batch.size = 0;
    batch.weight = 0;
    int length = batch.items.length;
    if (length > MAX_LENGTH) {
      return;
    }
    if (keptSlots.addAndGet(length) > maxKeptSlots || !free.offer(batch)) {
      keptSlots.addAndGet(-length); // no room: the collector takes it
    }
  }

  static int lengthFor(int size) {
    if (size <= MIN_LENGTH) {
      return MIN_LENGTH;
    }
    return size > MAX_LENGTH ? size : Integer.highestOneBit(size - 1) << 1;
  }
}
