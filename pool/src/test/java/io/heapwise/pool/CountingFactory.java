package io.heapwise.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A factory with every hook, counting calls and able to fail on demand. */
class CountingFactory implements PoolFactory<TestObject> {
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  final AtomicInteger validates = new AtomicInteger();
  final AtomicInteger destroys = new AtomicInteger();
  final Set<TestObject> alive = ConcurrentHashMap.newKeySet();
  volatile boolean failCreate;
  volatile boolean failReset;
  volatile boolean failValidate;
  volatile boolean failDestroy;

  @Override
  public TestObject create() {
    if (failCreate) {
      throw new IllegalStateException("database down");
    }
    creates.incrementAndGet();
    TestObject object = new TestObject();
    alive.add(object);
    return object;
  }

  @Override
  public void reset(TestObject object) {
    resets.incrementAndGet();
    if (failReset) {
      throw new IllegalStateException("reset failed");
    }
    object.payload = null;
    object.resets.incrementAndGet();
  }

  @Override
  public boolean validate(TestObject object) {
    validates.incrementAndGet();
    if (failValidate) {
      throw new IllegalStateException("validate failed");
    }
    return !object.broken;
  }

  @Override
  public void destroy(TestObject object) {
    destroys.incrementAndGet();
    if (object.destroyed) {
      throw new AssertionError("object " + object.id + " destroyed twice");
    }
    object.destroyed = true;
    alive.remove(object);
    if (failDestroy) {
      throw new IllegalStateException("destroy failed");
    }
  }
}
