package io.heapwise.buffer;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * What a buffer queues, and the recycled holders it travels in. An entry is the item itself (a
 * single offer without a byte bound), a {@link WeighedItem} (a single offer with one: the item and
 * the weight it was admitted at), or a {@link Batch} (an {@code offerBatch}: items that must reach
 * the consumer together). This class makes entries, reads them and gives their holders back; the
 * buffer's {@link EntryQueue} holds them, shared with its {@link EntryTaker} and read directly by
 * both (a holder of the queue would cost every offer and poll one more dependent load).
 */
final class EntryHolders {

  private final String bufferName;
  private final int bufferCapacity;

  /** Emptied batches for the next offerBatch: batches of a steady size allocate nothing. */
  private final BatchRecycler batches;

  /** Holders of a single item and its weight; null without max-bytes (items are queued bare). */
  private final WeighedItemRecycler weighedItems;

  EntryHolders(String bufferName, int capacity, boolean weighed) {
    this.bufferName = bufferName;
    this.bufferCapacity = capacity;
    this.batches = new BatchRecycler(capacity);
    this.weighedItems = weighed ? new WeighedItemRecycler(capacity) : null;
  }

  /**
   * What to queue for an entry: a single item of a buffer with a byte bound goes in a holder with
   * its weight, so that its bytes can be given back without weighing it again. The caller takes the
   * holder only once the room is held: an offer refused for lack of room never touches the holder
   * queue. Without a byte bound there are no bytes to give back, and the item goes bare.
   */
  Object withWeight(Object entry, long weight) {
    if (weighedItems == null || entry instanceof Batch) {
      return entry;
    }
    return weighedItems.take(entry, weight);
  }

  /** Whether the entry is the item itself (a single offer without a byte bound). */
  static boolean isBare(Object entry) {
    return !(entry instanceof Batch) && !(entry instanceof WeighedItem);
  }

  static int sizeOf(Object entry) {
    return entry instanceof Batch batch ? batch.size : 1;
  }

  static long weightOf(Object entry) {
    if (entry instanceof Batch batch) {
      return batch.weight;
    }
    return entry instanceof WeighedItem weighed ? weighed.weight : 0;
  }

  static Object itemOf(Object entry) {
    return entry instanceof WeighedItem weighed ? weighed.item : entry;
  }

  /** Appends an entry's items, in order, to {@code target}. */
  @SuppressWarnings("unchecked")
  static <T> void addItems(Object entry, List<T> target) {
    if (entry instanceof Batch batch) {
      for (int i = 0; i < batch.size; i++) {
        target.add((T) batch.items[i]);
      }
    } else {
      target.add((T) itemOf(entry));
    }
  }

  /** Gives an entry's holder back for reuse, once its items are out of it. */
  void recycle(Object entry) {
    if (entry instanceof Batch batch) {
      batches.give(batch);
    } else if (entry instanceof WeighedItem weighed) {
      weighedItems.give(weighed);
    }
  }

  /**
   * Copies the caller's items into a recycled batch (no per-call array: {@code toArray} would
   * allocate one): by index for a RandomAccess list, else by its iterator. A collection changed
   * while it is copied gives what the copy saw (a larger batch if it grew).
   *
   * @throws NullPointerException if an item is null
   * @throws IllegalArgumentException if the copy holds more items than the capacity
   */
  <T> Batch copyOf(Collection<? extends T> items, int expected) {
    Batch copy = batches.take(expected);
    try {
      if (items instanceof List<? extends T> list && items instanceof RandomAccess) {
        for (int i = 0; i < list.size(); i++) {
          copy = roomForOneMore(copy);
          copy.items[copy.size++] = Objects.requireNonNull(list.get(i), "batch item");
        }
      } else {
        for (T item : items) {
          copy = roomForOneMore(copy);
          copy.items[copy.size++] = Objects.requireNonNull(item, "batch item");
        }
      }
      requireFits(copy.size);
      return copy;
    } catch (RuntimeException e) {
      batches.give(copy);
      throw e;
    }
  }

  private Batch roomForOneMore(Batch batch) {
    if (batch.size < batch.items.length) {
      return batch;
    }
    requireFits(batch.size + 1); // a collection still growing: stop at the capacity
    Batch larger = batches.take(batch.size + 1);
    System.arraycopy(batch.items, 0, larger.items, 0, batch.size);
    larger.size = batch.size;
    batches.give(batch);
    return larger;
  }

  /**
   * @throws IllegalArgumentException if a batch of {@code size} items could never be admitted,
   *     naming both sizes
   */
  void requireFits(int size) {
    if (size > bufferCapacity) {
      throw new IllegalArgumentException(
          "buffer '"
              + bufferName
              + "': a batch of "
              + size
              + " items can never fit in capacity "
              + bufferCapacity);
    }
  }
}
