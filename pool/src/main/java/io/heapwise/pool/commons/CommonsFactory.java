package io.heapwise.pool.commons;

import io.heapwise.pool.PoolException;
import io.heapwise.pool.PoolFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;

/**
 * An Apache Commons Pool 2 {@link PooledObjectFactory} used as a heapwise {@link PoolFactory}, so
 * an existing factory moves over unchanged.
 *
 * <p>Hooks map as in Commons Pool with {@code testOnBorrow}: {@code create} is {@code makeObject},
 * {@code validate} is {@code activateObject} then {@code validateObject}, {@code reset} is {@code
 * passivateObject}, {@code destroy} is {@code destroyObject}. Checked exceptions from the Commons
 * factory are wrapped in {@link PoolException}; the pool then treats them like any hook failure.
 *
 * <p>Commons hooks take a {@link PooledObject} wrapper; this adapter keeps one per live object in
 * an identity map (bounded by the pool's size, entries removed on destroy). Looking the wrapper up
 * allocates a small key per hook call, so a bridged factory is not allocation-free; write a {@link
 * PoolFactory} for the zero-allocation path.
 *
 * <p>Thread-safe if the Commons factory is.
 *
 * @param <T> the pooled type
 */
public final class CommonsFactory<T> implements PoolFactory<T> {

  private final PooledObjectFactory<T> factory;
  private final Map<IdentityKey, PooledObject<T>> wrappers = new ConcurrentHashMap<>();

  private CommonsFactory(PooledObjectFactory<T> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Adapts a Commons Pool 2 factory.
   *
   * @param factory the Commons factory
   * @param <T> the pooled type
   * @return the heapwise factory
   * @throws NullPointerException if {@code factory} is null
   */
  public static <T> CommonsFactory<T> of(PooledObjectFactory<T> factory) {
    return new CommonsFactory<>(factory);
  }

  @Override
  public T create() {
    PooledObject<T> wrapper;
    try {
      wrapper = factory.makeObject();
    } catch (Exception e) {
      throw new PoolException("Commons factory makeObject() failed: " + e, e);
    }
    if (wrapper == null || wrapper.getObject() == null) {
      throw new PoolException("Commons factory makeObject() returned no object", null);
    }
    wrappers.put(new IdentityKey(wrapper.getObject()), wrapper);
    return wrapper.getObject();
  }

  @Override
  public boolean validate(T object) {
    PooledObject<T> wrapper = wrapper(object);
    try {
      factory.activateObject(wrapper);
    } catch (Exception e) {
      throw new PoolException("Commons factory activateObject() failed: " + e, e);
    }
    return factory.validateObject(wrapper);
  }

  @Override
  public void reset(T object) {
    try {
      factory.passivateObject(wrapper(object));
    } catch (Exception e) {
      throw new PoolException("Commons factory passivateObject() failed: " + e, e);
    }
  }

  @Override
  public void destroy(T object) {
    PooledObject<T> wrapper = wrappers.remove(new IdentityKey(object));
    if (wrapper == null) {
      return;
    }
    try {
      factory.destroyObject(wrapper);
    } catch (Exception e) {
      throw new PoolException("Commons factory destroyObject() failed: " + e, e);
    }
  }

  private PooledObject<T> wrapper(T object) {
    PooledObject<T> wrapper = wrappers.get(new IdentityKey(object));
    if (wrapper == null) {
      throw new IllegalStateException("object " + object + " was not made by this factory");
    }
    return wrapper;
  }

  @Override
  public String toString() {
    return "CommonsFactory[" + factory + "]";
  }
}
