package io.heapwise.pool.commons;

import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.Pooled;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.pool2.PooledObjectFactory;

/**
 * A heapwise {@link ObjectPool} seen as an Apache Commons Pool 2 {@link
 * org.apache.commons.pool2.ObjectPool}, for code written against Commons Pool:
 *
 * <pre>{@code
 * // before: new GenericObjectPool<>(factory)
 * org.apache.commons.pool2.ObjectPool<Conn> pool =
 *     CommonsObjectPool.create(PoolConfig.builder("conn").maxSize(8).build(), factory);
 * }</pre>
 *
 * <p>Commons hands out bare objects, so this adapter remembers each borrowed object's handle in an
 * identity map (bounded by the number of objects lent out). {@code borrowObject} and {@code
 * returnObject} therefore allocate a small map entry; use {@link ObjectPool} directly for
 * allocation-free pooling.
 *
 * <p>Behaviour follows the heapwise pool: {@code borrowObject} applies the configured miss policy;
 * {@code returnObject} of an object this pool did not lend, or returned twice, throws {@link
 * IllegalStateException} naming the pool; {@code invalidateObject} destroys the object and gives
 * its capacity back; {@code clear} destroys idle objects; {@code close} closes the heapwise pool.
 * Thread-safe.
 *
 * @param <T> the pooled type
 */
public final class CommonsObjectPool<T> implements org.apache.commons.pool2.ObjectPool<T> {

  private final ObjectPool<T> pool;
  private final Map<IdentityKey, Pooled<T>> lent = new ConcurrentHashMap<>();

  /**
   * Wraps a heapwise pool; the adapter owns it from now on ({@link #close()} closes it).
   *
   * @param pool the heapwise pool
   * @throws NullPointerException if {@code pool} is null
   */
  public CommonsObjectPool(ObjectPool<T> pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * Builds a heapwise pool around an existing Commons factory and wraps it.
   *
   * @param config the heapwise pool's configuration
   * @param factory the Commons factory
   * @param <T> the pooled type
   * @return the Commons view of the new pool
   */
  public static <T> CommonsObjectPool<T> create(PoolConfig config, PooledObjectFactory<T> factory) {
    return new CommonsObjectPool<>(ObjectPool.create(config, CommonsFactory.of(factory)));
  }

  /**
   * Returns the heapwise pool behind this adapter (for its stats, resize and pressure).
   *
   * @return the heapwise pool
   */
  public ObjectPool<T> unwrap() {
    return pool;
  }

  @Override
  public T borrowObject() {
    Pooled<T> handle = pool.borrow();
    T object = handle.get();
    lent.put(new IdentityKey(object), handle);
    return object;
  }

  @Override
  public void returnObject(T obj) {
    take(obj, "return").close();
  }

  @Override
  public void invalidateObject(T obj) {
    Pooled<T> handle = take(obj, "invalidate");
    pool.invalidate(handle);
    handle.close();
  }

  @Override
  public void addObject() {
    pool.addIdle(1);
  }

  @Override
  public int getNumIdle() {
    return (int) pool.stats().idle();
  }

  @Override
  public int getNumActive() {
    return (int) pool.stats().inUse();
  }

  @Override
  public void clear() {
    pool.trim(Integer.MAX_VALUE);
  }

  @Override
  public void close() {
    pool.close();
  }

  private Pooled<T> take(T obj, String operation) {
    Pooled<T> handle = obj == null ? null : lent.remove(new IdentityKey(obj));
    if (handle == null) {
      throw new IllegalStateException(
          "pool "
              + pool.name()
              + ": cannot "
              + operation
              + " "
              + obj
              + ": it is not currently borrowed from this pool (returned twice, or foreign)");
    }
    return handle;
  }

  @Override
  public String toString() {
    return "CommonsObjectPool[" + pool + "]";
  }
}
