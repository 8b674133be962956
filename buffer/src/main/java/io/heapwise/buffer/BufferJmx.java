package io.heapwise.buffer;

/** A buffer's {@link BufferMXBean}: reads its stats, sets its capacity. */
final class BufferJmx implements BufferMXBean {

  private final BoundedBatchBuffer<?> buffer;

  BufferJmx(BoundedBatchBuffer<?> buffer) {
    this.buffer = buffer;
  }

  @Override
  public String getName() {
    return buffer.name();
  }

  @Override
  public String getOverflowPolicy() {
    return buffer.config().overflowPolicy().name();
  }

  @Override
  public long getOffered() {
    return buffer.stats().offered();
  }

  @Override
  public long getAccepted() {
    return buffer.stats().accepted();
  }

  @Override
  public long getRejected() {
    return buffer.stats().rejected();
  }

  @Override
  public long getDropped() {
    return buffer.stats().dropped();
  }

  @Override
  public long getCallerRan() {
    return buffer.stats().callerRan();
  }

  @Override
  public long getDrained() {
    return buffer.stats().drained();
  }

  @Override
  public long getFailed() {
    return buffer.stats().failed();
  }

  @Override
  public long getBlockedCount() {
    return buffer.stats().blockedCount();
  }

  @Override
  public long getBlockedNanos() {
    return buffer.stats().blockedNanos();
  }

  @Override
  public long getItems() {
    return buffer.size();
  }

  @Override
  public long getBytes() {
    return buffer.stats().bytes();
  }

  @Override
  public long getHighWaterItems() {
    return buffer.stats().highWaterItems();
  }

  @Override
  public long getHighWaterBytes() {
    return buffer.stats().highWaterBytes();
  }

  @Override
  public int getCapacity() {
    return buffer.stats().capacity();
  }

  @Override
  public int getBaseCapacity() {
    return buffer.baseCapacity();
  }

  @Override
  public int getConfiguredCapacity() {
    return buffer.config().capacity();
  }

  @Override
  public void setCapacity(int capacity) {
    buffer.setCapacity(capacity);
  }

  @Override
  public void resetCapacity() {
    buffer.setCapacity(buffer.config().capacity());
  }

  @Override
  public boolean isClosed() {
    return buffer.isClosed();
  }
}
