package io.heapwise.buffer;

/**
 * The management view of a {@link BoundedBatchBuffer}, registered (with {@code jmx=true}) as {@code
 * io.heapwise:type=Buffer,name=<name>} on the platform MBeanServer while the buffer is open. The
 * getters are the figures of {@link BufferStats}; the one safe operation is the capacity.
 */
public interface BufferMXBean {

  /** The buffer's name. */
  String getName();

  /** The configured overflow policy. */
  String getOverflowPolicy();

  /** Items of completed offers. */
  long getOffered();

  /** Items admitted and not dropped since. */
  long getAccepted();

  /** Items refused (no room, timeout, interrupt, closed). */
  long getRejected();

  /** Items dropped to make room and handed to the drop listener. */
  long getDropped();

  /** Items producers delivered themselves (CALLER_RUNS). */
  long getCallerRan();

  /** Items taken out of the buffer by a consumer. */
  long getDrained();

  /** Items whose consumer threw (handed to the error handler). */
  long getFailed();

  /** Offers that parked for room. */
  long getBlockedCount();

  /** Total time offers spent parked, in nanoseconds. */
  long getBlockedNanos();

  /** Items in the buffer now. */
  long getItems();

  /** Bytes in the buffer now. */
  long getBytes();

  /** The most items held at once. */
  long getHighWaterItems();

  /** The most bytes held at once. */
  long getHighWaterBytes();

  /** The item bound in force now (lower under CRITICAL pressure). */
  int getCapacity();

  /** The capacity set by {@link #setCapacity} or the config, before pressure. */
  int getBaseCapacity();

  /** The configured (and largest possible) capacity. */
  int getConfiguredCapacity();

  /**
   * Sets the base capacity, 1 to the configured capacity; items already in stay.
   *
   * @throws IllegalArgumentException if out of range
   */
  void setCapacity(int capacity);

  /** Restores the configured capacity. */
  void resetCapacity();

  /** Whether the buffer is closed. */
  boolean isClosed();
}
