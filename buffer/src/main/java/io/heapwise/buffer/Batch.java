package io.heapwise.buffer;

/**
 * Items admitted together by one {@code offerBatch}: one queue entry, so that they reach the
 * consumer together and in order. The array is reused through {@link BatchRecycler}; only {@code
 * items[0..size)} belong to this batch.
 */
final class Batch {
  final Object[] items;
  int size;
  // What the items weighed when admitted (0 without a weigher): given back as it was taken.
  long weight;

  Batch(int length) {
    this.items = new Object[length];
  }
}
