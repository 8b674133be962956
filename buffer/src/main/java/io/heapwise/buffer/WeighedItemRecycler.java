package io.heapwise.buffer;

import org.jctools.queues.MpmcArrayQueue;

/**
 * Keeps emptied {@link WeighedItem}s for the next single-item offer of a buffer with a byte bound.
 * Each queued item needs one, so it keeps as many as the buffer's capacity (JCTools rounds that up
 * to a power of two), {@link #MAX_KEPT} at most: a full buffer drained and refilled allocates
 * nothing up to that depth, and a deeper one allocates a 24-byte holder per item beyond it. Its
 * free queue takes 12 bytes per kept slot up front (a reference and a sequence number); the holders
 * themselves are made only when needed. Any thread takes and gives back, as with {@link
 * BatchRecycler}.
 */
final class WeighedItemRecycler {

  static final int MAX_KEPT = 1 << 16;

  private final MpmcArrayQueue<WeighedItem> free;

  WeighedItemRecycler(int bufferCapacity) {
    this.free = new MpmcArrayQueue<>(Math.max(2, Math.min(bufferCapacity, MAX_KEPT)));
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
