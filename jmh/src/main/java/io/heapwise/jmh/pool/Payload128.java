package io.heapwise.jmh.pool;

import io.netty.util.Recycler;
import stormpot.Poolable;
import stormpot.Slot;

/**
 * A 128-byte object (12-byte header, two references (Stormpot slot, Netty handle), 13 longs) like a
 * small query. The Stormpot slot and Netty handle fields are part of every strategy's object, so
 * {@code new} allocates exactly what the pools reuse.
 */
final class Payload128 implements Poolable {
  private final Slot slot;
  Recycler.Handle<Payload128> handle;

  long f0;
  long f1;
  long f2;
  long f3;
  long f4;
  long f5;
  long f6;
  long f7;
  long f8;
  long f9;
  long f10;
  long f11;
  long f12;

  Payload128(Slot slot) {
    this.slot = slot;
  }

  boolean hasSlot() {
    return slot != null;
  }

  @Override
  public void release() {
    slot.release(this);
  }

  void touch(long value) {
    f0 = value;
    f12 = value;
  }

  long sum() {
    return f0 + f12;
  }

  void clear() {
    f0 = 0;
    f12 = 0;
  }
}
