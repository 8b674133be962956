package io.heapwise.buffer;

import org.jctools.queues.MpscArrayQueue;

/**
 * The entry queue of a buffer whose occupancy is {@link ItemsAndBytesOccupancy}: a JCTools
 * MpscArrayQueue, whose offer claims a place with its own CAS after the reservation's. It is the
 * queue rather than a holder of one, so that every offer and poll is one dependent load nearer.
 */
final class MpscEntryQueue extends MpscArrayQueue<Object> implements EntryQueue {

  /**
   * Sized for the capacity: one entry holds at least one item, so the queue never has fewer free
   * places than reserved items.
   */
  MpscEntryQueue(int capacity) {
    super(Math.max(2, capacity));
  }

  @Override
  public void put(long reservation, Object entry) {
    offer(entry);
  }

  /** Nothing was claimed: all the room goes back at once. */
  @Override
  public int abandon(long reservation, int count) {
    return count;
  }

  /** Nothing is ever abandoned here. */
  @Override
  public void passAbandoned() {}

  /** The producer index: it steps by one per entry, and only {@link #put} offers. */
  @Override
  public long enqueued() {
    return currentProducerIndex();
  }
}
