package io.heapwise.buffer;

import org.jctools.queues.MpmcArrayQueue;

/**
 * Keeps emptied {@link WeighedItem}s for the next single-item offer of a buffer with a weigher. It
 * keeps as many as the buffer holds items, since each queued item needs one: a full buffer drained
 * and refilled allocates nothing, and the kept holders (24 bytes each) never outweigh the queue.
 * Any thread takes and gives back, as with {@link BatchRecycler}.
 */
final class WeighedItemRecycler {

  private final MpmcArrayQueue<WeighedItem> free;

  WeighedItemRecycler(int bufferCapacity) {
    this.free = new MpmcArrayQueue<>(Math.max(2, bufferCapacity));
  }

  /** A holder of {@code item} and its {@code weight}. */
  WeighedItem take(Object item, long weight) {
    WeighedItem holder = free.poll();
    if (holder == null) {
      holder = new WeighedItem();
    }
    holder.item = item;
    holder.weight = weight;
    return holder;
  }

  /** Empties {@code holder} (it no longer keeps its item alive) and keeps it if there is room. */
  void give(WeighedItem holder) {
    holder.item = null;
    free.offer(holder); // full: the collector takes it
  }
}
