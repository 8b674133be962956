package io.heapwise.pool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A pooled object that knows its identity, its owner and whether it was reset or destroyed. */
final class TestObject {
  private static final AtomicInteger IDS = new AtomicInteger();

  final int id = IDS.incrementAndGet();
  final AtomicReference<Object> owner = new AtomicReference<>();
  volatile String payload;
  final AtomicInteger resets = new AtomicInteger();
  volatile boolean destroyed;
  volatile boolean broken;

  void claim(Object who) {
    if (!owner.compareAndSet(null, who)) {
      throw new AssertionError("object " + id + " already held by " + owner.get());
    }
  }

  void unclaim(Object who) {
    if (!owner.compareAndSet(who, null)) {
      throw new AssertionError("object " + id + " held by " + owner.get() + ", not " + who);
    }
  }
}
