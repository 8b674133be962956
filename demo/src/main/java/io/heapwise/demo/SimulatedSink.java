package io.heapwise.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Where flushed results go: a store or a network peer that absorbs a fixed number of items per
 * second. Writing a batch parks the flusher for as long as the sink needs for it, so a flusher that
 * falls behind shows whether the buffer in front of it is bounded.
 */
final class SimulatedSink {

  private final long nanosPerItem;
  private final AtomicLong items = new AtomicLong();

  SimulatedSink(int itemsPerSecond) {
    if (itemsPerSecond <= 0) {
      throw new IllegalArgumentException("itemsPerSecond must be positive, was " + itemsPerSecond);
    }
    this.nanosPerItem = TimeUnit.SECONDS.toNanos(1) / itemsPerSecond;
  }

  /** Absorbs {@code count} items, taking the time the sink needs for them. */
  void write(int count) {
    if (count <= 0) {
      return;
    }
    LockSupport.parkNanos(nanosPerItem * count);
    items.addAndGet(count);
  }

  /** Items absorbed so far. */
  long items() {
    return items.get();
  }
}
