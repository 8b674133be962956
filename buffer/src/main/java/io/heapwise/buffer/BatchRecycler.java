package io.heapwise.buffer;

import java.util.Arrays;
import org.jctools.queues.MpmcArrayQueue;

/**
 * Keeps a few emptied {@link Batch}es for the next {@code offerBatch}, so that batches of a steady
 * size allocate nothing. Bounded: at most {@link #KEPT} batches of at most {@link #MAX_LENGTH}
 * slots wait here (4,096 references at most, whatever the buffer's capacity); a larger batch gets
 * an array of its own that the collector takes after delivery.
 *
 * <p>Producers take and consumers (or DROP_OLDEST producers) give back from any thread, hence a
 * many-to-many queue: its offer and poll order the clearing of a batch before its reuse.
 */
final class BatchRecycler {

  static final int KEPT = 16;
  static final int MAX_LENGTH = 256;

  /** The smallest array handed out: batches of 2 to 8 share one size class. */
  private static final int MIN_LENGTH = 8;

  private final MpmcArrayQueue<Batch> free = new MpmcArrayQueue<>(KEPT);

  /** An empty batch whose array holds at least {@code size} items. */
  Batch take(int size) {
    Batch batch = free.poll();
    if (batch != null && batch.items.length >= size) {
      return batch;
    }
    // Too small (or none kept): the small one goes to the collector, and the new one is rounded
    // up so that batches of similar sizes reuse it; one too large to keep is sized exactly.
    return new Batch(lengthFor(size));
  }

  /** Empties {@code batch} (its slots no longer hold items alive) and keeps it if there is room. */
  void give(Batch batch) {
    Arrays.fill(batch.items, 0, batch.size, null);
    batch.size = 0;
    if (batch.items.length <= MAX_LENGTH) {
      free.offer(batch); // a full free list lets it go to the collector
    }
  }

  static int lengthFor(int size) {
    if (size <= MIN_LENGTH) {
      return MIN_LENGTH;
    }
    return size > MAX_LENGTH ? size : Integer.highestOneBit(size - 1) << 1;
  }
}
