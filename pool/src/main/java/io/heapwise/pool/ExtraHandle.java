package io.heapwise.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A handle on an extra object made under {@link MissPolicy#ALLOCATE}; destroyed on release. */
final class ExtraHandle<T> implements Pooled<T> {

  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(ExtraHandle.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ObjectPool<T> pool;
  private final T object;

  @SuppressWarnings("UnusedVariable") // accessed through RELEASED
  private volatile boolean released;

  ExtraHandle(ObjectPool<T> pool, T object) {
    this.pool = pool;
    this.object = object;
  }

  boolean belongsTo(ObjectPool<?> owner) {
    return pool == owner;
  }

  @Override
  public T get() {
    if (released) {
      throw new IllegalStateException(
          "pool " + pool.name() + ": get() of an extra object that was already released");
    }
    return object;
  }

  @Override
  public void close() {
    if (!RELEASED.compareAndSet(this, false, true)) {
      throw new IllegalStateException(
          "pool " + pool.name() + ": release of an extra object that was already released");
    }
    pool.dropExtra(object);
  }

  @Override
  public String toString() {
    return "Pooled[pool=" + pool.name() + ", extra, " + (released ? "released" : "borrowed") + "]";
  }
}
