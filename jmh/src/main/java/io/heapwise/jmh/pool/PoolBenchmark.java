package io.heapwise.jmh.pool;

import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.Headline;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.PoolableFactory;
import io.heapwise.pool.Pooled;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * One borrow, a touch of the object, one release, on 2 threads sharing the pool: heapwise against
 * {@code new}, Stormpot 3.2 (thread-local tap), Netty's Recycler and Commons Pool 2 (JMX off). The
 * object is a request-scoped payload of {@code size} bytes.
 */
@Headline("pool borrow + release")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Threads(2)
public class PoolBenchmark {

  @Param({"128", "256"})
  public int size;

  /** The pooled payload. */
  public static final class Payload {
    final byte[] bytes;
    final Recycler.Handle<Payload> handle;

    Payload(int size, Recycler.Handle<Payload> handle) {
      this.bytes = new byte[size];
      this.handle = handle;
    }
  }

  /** The same payload as Stormpot requires it: a Poolable that knows its slot. */
  public static final class StormpotPayload extends BasePoolable {
    final byte[] bytes;

    StormpotPayload(int size, Slot slot) {
      super(slot);
      this.bytes = new byte[size];
    }
  }

  private ObjectPool<Payload> heapwise;
  private Pool<StormpotPayload> stormpot;
  private PoolTap<StormpotPayload> stormpotTap;
  private GenericObjectPool<Payload> commons;
  private Recycler<Payload> recycler;
  private final Timeout timeout = new Timeout(1, TimeUnit.SECONDS);

  @Setup(Level.Trial)
  public void setUp() {
    int objectSize = size;
    heapwise =
        ObjectPool.create(
            PoolConfig.builder("bench").maxSize(16).prefill(16).build(),
            new PoolableFactory<>() {
              @Override
              public Payload create() {
                return new Payload(objectSize, null);
              }
            });
    stormpot =
        Pool.from(
                new Allocator<StormpotPayload>() {
                  @Override
                  public StormpotPayload allocate(Slot slot) {
                    return new StormpotPayload(objectSize, slot);
                  }

                  @Override
                  public void deallocate(StormpotPayload poolable) {}
                })
            .setSize(16)
            .setExpiration(Expiration.never())
            .build();
    stormpotTap = stormpot.getThreadLocalTap();
    GenericObjectPoolConfig<Payload> config = new GenericObjectPoolConfig<>();
    config.setJmxEnabled(false);
    config.setMaxTotal(16);
    commons =
        new GenericObjectPool<>(
            new BasePooledObjectFactory<>() {
              @Override
              public Payload create() {
                return new Payload(objectSize, null);
              }

              @Override
              public PooledObject<Payload> wrap(Payload payload) {
                return new DefaultPooledObject<>(payload);
              }
            },
            config);
    recycler =
        new Recycler<>() {
          @Override
          protected Payload newObject(Handle<Payload> handle) {
            return new Payload(objectSize, handle);
          }
        };
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    heapwise.close();
    stormpot.shutdown().await(timeout);
    commons.close();
  }

  /** No pool: a new object per request. */
  @Benchmark
  @Baseline
  public byte plainNew() {
    Payload payload = new Payload(size, null);
    payload.bytes[0] = 1;
    return payload.bytes[0];
  }

  @Benchmark
  public byte heapwise() {
    try (Pooled<Payload> handle = heapwise.borrow()) {
      Payload payload = handle.get();
      payload.bytes[0]++;
      return payload.bytes[0];
    }
  }

  @Benchmark
  public byte stormpot() throws InterruptedException {
    StormpotPayload payload = stormpotTap.claim(timeout);
    payload.bytes[0]++;
    byte value = payload.bytes[0];
    payload.release();
    return value;
  }

  @Benchmark
  public byte nettyRecycler() {
    Payload payload = recycler.get();
    payload.bytes[0]++;
    byte value = payload.bytes[0];
    payload.handle.recycle(payload);
    return value;
  }

  @Benchmark
  public byte commonsPool2() throws Exception {
    Payload payload = commons.borrowObject();
    payload.bytes[0]++;
    byte value = payload.bytes[0];
    commons.returnObject(payload);
    return value;
  }
}
