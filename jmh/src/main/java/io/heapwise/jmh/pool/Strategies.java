package io.heapwise.jmh.pool;

import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.PoolFactory;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.Slot;
import stormpot.Timeout;

/** Builds each peer pool the same way: 64 objects, pre-filled, no expiration, no JMX. */
final class Strategies {

  static final int SIZE = 64;
  static final Timeout TIMEOUT = new Timeout(1, TimeUnit.SECONDS);

  private Strategies() {}

  static ObjectPool<Payload128> heapwise128() {
    return ObjectPool.create(
        PoolConfig.builder("jmh-128").maxSize(SIZE).prefill(SIZE).build(),
        PoolFactory.of(() -> new Payload128(null)));
  }

  static ObjectPool<Payload256> heapwise256() {
    return ObjectPool.create(
        PoolConfig.builder("jmh-256").maxSize(SIZE).prefill(SIZE).build(),
        PoolFactory.of(() -> new Payload256(null)));
  }

  static ObjectPool<Payload128> heapwiseReset128() {
    return ObjectPool.create(
        PoolConfig.builder("jmh-reset-128").maxSize(SIZE).prefill(SIZE).build(),
        PoolFactory.of(() -> new Payload128(null), Payload128::clear));
  }

  static Pool<Payload128> stormpot128() {
    return stormpot(
        new Allocator<>() {
          @Override
          public Payload128 allocate(Slot slot) {
            return new Payload128(slot);
          }

          @Override
          public void deallocate(Payload128 poolable) {}
        });
  }

  static Pool<Payload256> stormpot256() {
    return stormpot(
        new Allocator<>() {
          @Override
          public Payload256 allocate(Slot slot) {
            return new Payload256(slot);
          }

          @Override
          public void deallocate(Payload256 poolable) {}
        });
  }

  private static <T extends stormpot.Poolable> Pool<T> stormpot(Allocator<T> allocator) {
    Pool<T> pool =
        Pool.from(allocator)
            .setSize(SIZE)
            .setExpiration(Expiration.never())
            .setPreciseLeakDetectionEnabled(false)
            .setBackgroundExpirationEnabled(false)
            .build();
    try {
      // Let the background allocator fill the pool before measuring.
      for (int i = 0; i < 100 && pool.getManagedPool().getAllocationCount() < SIZE; i++) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pool;
  }

  static GenericObjectPool<Payload128> commons128() {
    return commons(
        new BasePooledObjectFactory<>() {
          @Override
          public Payload128 create() {
            return new Payload128(null);
          }

          @Override
          public PooledObject<Payload128> wrap(Payload128 object) {
            return new DefaultPooledObject<>(object);
          }
        });
  }

  static GenericObjectPool<Payload256> commons256() {
    return commons(
        new BasePooledObjectFactory<>() {
          @Override
          public Payload256 create() {
            return new Payload256(null);
          }

          @Override
          public PooledObject<Payload256> wrap(Payload256 object) {
            return new DefaultPooledObject<>(object);
          }
        });
  }

  private static <T> GenericObjectPool<T> commons(BasePooledObjectFactory<T> factory) {
    GenericObjectPoolConfig<T> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(SIZE);
    config.setMaxIdle(SIZE);
    config.setJmxEnabled(false);
    GenericObjectPool<T> pool = new GenericObjectPool<>(factory, config);
    try {
      pool.addObjects(SIZE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return pool;
  }

  static Recycler<Payload128> recycler128() {
    return new Recycler<>() {
      @Override
      protected Payload128 newObject(Handle<Payload128> handle) {
        Payload128 object = new Payload128(null);
        object.handle = handle;
        return object;
      }
    };
  }

  static Recycler<Payload256> recycler256() {
    return new Recycler<>() {
      @Override
      protected Payload256 newObject(Handle<Payload256> handle) {
        Payload256 object = new Payload256(null);
        object.handle = handle;
        return object;
      }
    };
  }
}
