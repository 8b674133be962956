package io.heapwise.jmh.pool;

import io.netty.util.Recycler;
import stormpot.Poolable;
import stormpot.Slot;

/**
 * A 256-byte object (12-byte header, two references (Stormpot slot, Netty handle), 29 longs) like a
 * response. The Stormpot slot and Netty handle fields are part of every strategy's object, so
 * {@code new} allocates exactly what the pools reuse.
 */
final class Payload256 implements Poolable {
  private final Slot slot;
  Recycler.Handle<Payload256> handle;

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
  long f13;
  long f14;
  long f15;
  long f16;
  long f17;
  long f18;
  long f19;
  long f20;
  long f21;
  long f22;
  long f23;
  long f24;
  long f25;
  long f26;
  long f27;
  long f28;

  Payload256(Slot slot) {
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
    f28 = value;
  }

  long sum() {
    return f0 + f28;
  }

  void clear() {
    f0 = 0;
    f28 = 0;
  }
}
