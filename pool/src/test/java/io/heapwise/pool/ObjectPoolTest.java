package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectPoolTest {

  /** A pooled object that records what the hooks did to it. */
  static final class Thing {
    final int serial;
    int uses;
    boolean broken;
    boolean destroyed;

    Thing(int serial) {
      this.serial = serial;
    }
  }

  static final class Factory implements PoolableFactory<Thing> {
    final AtomicInteger serials = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger destroys = new AtomicInteger();

    @Override
    public Thing create() {
      return new Thing(serials.incrementAndGet());
    }

    @Override
    public void reset(Thing thing) {
      resets.incrementAndGet();
      thing.uses = 0;
    }

    @Override
    public boolean validate(Thing thing) {
      return !thing.broken;
    }

    @Override
    public void destroy(Thing thing) {
      destroys.incrementAndGet();
      thing.destroyed = true;
    }
  }

  private final Factory factory = new Factory();

  private ObjectPool<Thing> pool(int max, MissPolicy policy) {
    return ObjectPool.create(
        PoolConfig.builder("things")
            .maxSize(max)
            .missPolicy(policy)
            .blockTimeout(Duration.ofMillis(50))
            .build(),
        factory);
  }

  @Test
  void reusesTheSameObjectAndResetsItOnRelease() {
    ObjectPool<Thing> pool = pool(4, MissPolicy.FAIL);
    Thing first;
    try (Pooled<Thing> handle = pool.borrow()) {
      first = handle.get();
      first.uses = 7;
    }
    try (Pooled<Thing> handle = pool.borrow()) {
      assertThat(handle.get()).isSameAs(first);
      assertThat(handle.get().uses).isZero();
    }
    PoolStats stats = pool.stats();
    assertThat(stats.borrows()).isEqualTo(2);
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.created()).isEqualTo(1);
    assertThat(stats.reuseRatio()).isEqualTo(0.5);
    assertThat(factory.resets.get()).isEqualTo(2);
  }

  @Test
  void prefillCreatesObjectsUpFront() {
    ObjectPool<Thing> pool =
        ObjectPool.create(PoolConfig.builder("p").maxSize(8).prefill(3).build(), factory);
    assertThat(factory.serials.get()).isEqualTo(3);
    assertThat(pool.stats().idle()).isEqualTo(3);
    try (Pooled<Thing> handle = pool.borrow()) {
      assertThat(handle.get().serial).isBetween(1, 3);
    }
    assertThat(pool.stats().misses()).isZero();
  }

  @Test
  void releasingTwiceThrowsAndLeavesThePoolIntact() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.FAIL);
    Pooled<Thing> handle = pool.borrow();
    handle.close();

    assertThatThrownBy(handle::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'things'")
        .hasMessageContaining("released twice");
    assertThatThrownBy(handle::get).hasMessageContaining("used after it was released");
    // still exactly one object, lendable once
    Pooled<Thing> again = pool.borrow();
    assertThat(pool.tryBorrow()).isNull();
    again.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
  }

  @Test
  void releasingToAnotherPoolThrows() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.FAIL);
    ObjectPool<Thing> other =
        ObjectPool.create(PoolConfig.builder("other").maxSize(1).build(), factory);
    Pooled<Thing> handle = other.borrow();

    assertThatThrownBy(() -> pool.release((Slot<Thing>) handle))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'other'");
    handle.close();
    assertThat(other.stats().idle()).isEqualTo(1);
  }

  @Test
  void failPolicyNamesThePoolAndItsSize() {
    ObjectPool<Thing> pool = pool(2, MissPolicy.FAIL);
    Pooled<Thing> a = pool.borrow();
    Pooled<Thing> b = pool.borrow();

    assertThatThrownBy(pool::borrow)
        .isInstanceOf(PoolExhaustedException.class)
        .hasMessageContaining("'things'")
        .hasMessageContaining("max-size 2");
    assertThat(pool.stats().exhausted()).isEqualTo(1);
    a.close();
    b.close();
  }

  @Test
  void allocatePolicyLendsAnExtraThatIsDestroyedOnRelease() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.ALLOCATE);
    Pooled<Thing> pooled = pool.borrow();
    Pooled<Thing> extra = pool.borrow();

    assertThat(extra.get()).isNotSameAs(pooled.get());
    assertThat(pool.stats().extras()).isEqualTo(1);
    assertThat(pool.stats().inUse()).isEqualTo(2);
    extra.close();
    assertThatThrownBy(extra::get).isInstanceOf(IllegalStateException.class);
    pooled.close();
  }

  @Test
  void extraIsDestroyedOnRelease() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.ALLOCATE);
    Pooled<Thing> pooled = pool.borrow();
    Pooled<Thing> extra = pool.borrow();
    Thing extraThing = extra.get();
    extra.close();

    assertThat(extraThing.destroyed).isTrue();
    assertThatThrownBy(extra::close).isInstanceOf(IllegalStateException.class);
    assertThat(pool.stats().inUse()).isEqualTo(1);
    pooled.close();
  }

  @Test
  void blockPolicyWaitsForARelease() throws Exception {
    ObjectPool<Thing> pool = pool(1, MissPolicy.BLOCK);
    Pooled<Thing> held = pool.borrow();
    Thing thing = held.get();
    CompletableFuture<Thing> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try (Pooled<Thing> handle = pool.borrow(Duration.ofSeconds(10))) {
                return handle.get();
              }
            });
    Thread.sleep(50);
    assertThat(waiter).isNotDone();
    held.close();

    assertThat(waiter.get(10, TimeUnit.SECONDS)).isSameAs(thing);
  }

  @Test
  void blockPolicyTimesOut() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.BLOCK);
    Pooled<Thing> held = pool.borrow();

    assertThatThrownBy(pool::borrow)
        .isInstanceOf(PoolExhaustedException.class)
        .hasMessageContaining("within");
    held.close();
  }

  @Test
  void invalidObjectIsReplacedOnBorrow() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.FAIL);
    Thing first;
    try (Pooled<Thing> handle = pool.borrow()) {
      first = handle.get();
      first.broken = true;
    }
    try (Pooled<Thing> handle = pool.borrow()) {
      assertThat(handle.get()).isNotSameAs(first);
      assertThat(first.destroyed).isTrue();
    }
  }

  @Test
  void invalidateDestroysAndFreesTheSlot() {
    ObjectPool<Thing> pool = pool(1, MissPolicy.FAIL);
    Pooled<Thing> handle = pool.borrow();
    Thing thing = handle.get();
    pool.invalidate(handle);

    assertThat(thing.destroyed).isTrue();
    assertThatThrownBy(handle::close).isInstanceOf(IllegalStateException.class);
    try (Pooled<Thing> next = pool.borrow()) {
      assertThat(next.get()).isNotSameAs(thing);
    }
  }

  @Test
  void resetThatThrowsDestroysTheObjectAndReportsTheError() {
    ObjectPool<Thing> pool =
        ObjectPool.create(
            PoolConfig.builder("r").maxSize(1).build(),
            new PoolableFactory<Thing>() {
              @Override
              public Thing create() {
                return new Thing(1);
              }

              @Override
              public void reset(Thing thing) {
                throw new IllegalArgumentException("cannot reset");
              }
            });
    Pooled<Thing> handle = pool.borrow();

    assertThatThrownBy(handle::close).hasMessage("cannot reset");
    assertThat(pool.stats().destroyed()).isEqualTo(1);
    assertThat(pool.tryBorrow()).isNotNull();
  }

  @Test
  void trimResizeAndPressureDropIdleObjectsOnly() {
    ObjectPool<Thing> pool =
        ObjectPool.create(PoolConfig.builder("t").maxSize(8).prefill(8).build(), factory);
    Pooled<Thing> lent = pool.borrow();

    assertThat(pool.trim(2)).isEqualTo(2);
    assertThat(pool.stats().idle()).isEqualTo(5);

    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(pool);
    pressure.set(MemoryPressure.ELEVATED);
    assertThat(pool.stats().idle()).isEqualTo(3); // half of 5, rounded down, trimmed
    pressure.set(MemoryPressure.CRITICAL);
    assertThat(pool.stats().idle()).isZero();
    assertThat(lent.get().destroyed).isFalse();

    pool.resize(1);
    assertThat(pool.stats().maxSize()).isEqualTo(1);
    assertThat(pool.tryBorrow()).isNull();
    lent.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThatThrownBy(() -> pool.resize(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..8")
        .hasMessageContaining("was 9");
    assertThatThrownBy(() -> pool.trim(-1)).hasMessageContaining("was -1");
  }

  @Test
  void leakDetectionCountsObjectsLentTooLong() throws InterruptedException {
    ObjectPool<Thing> pool =
        ObjectPool.create(
            PoolConfig.builder("leaky").maxSize(2).leakThreshold(Duration.ofMillis(10)).build(),
            factory);
    Pooled<Thing> forgotten = pool.borrow();
    try (Pooled<Thing> quick = pool.borrow()) {
      assertThat(quick.get()).isNotNull();
    }
    Thread.sleep(30);

    assertThat(pool.stats().leaks()).isEqualTo(1);
    assertThat(pool.stats().leaks()).as("reported once").isEqualTo(1);
    forgotten.close();
  }

  @Test
  void closedPoolRefusesBorrowsAndDestroysReturns() {
    ObjectPool<Thing> pool = pool(2, MissPolicy.FAIL);
    Pooled<Thing> lent = pool.borrow();
    pool.close();

    assertThatThrownBy(pool::borrow).hasMessageContaining("closed");
    Thing thing = lent.get();
    lent.close();
    assertThat(thing.destroyed).isTrue();
  }

  @Test
  void steadyStateBorrowAndReleaseAllocateNothing() {
    ObjectPool<Thing> pool =
        ObjectPool.create(PoolConfig.builder("alloc").maxSize(4).prefill(4).build(), factory);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 50_000; i++) {
      pool.borrow().close();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      try (Pooled<Thing> handle = pool.borrow()) {
        handle.get().uses++;
      }
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(allocated).as("bytes for 100,000 borrow/release pairs").isLessThan(1_000);
  }

  @Test
  void configBuilderAndSettingsRejectBadValuesByName() {
    assertThatThrownBy(() -> PoolConfig.builder("q").maxSize(0))
        .hasMessageContaining("'q'")
        .hasMessageContaining("max-size")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> PoolConfig.builder("q").maxSize(2).prefill(3).build())
        .hasMessageContaining("prefill (3)");
    assertThatThrownBy(() -> PoolConfig.builder(" ")).hasMessageContaining("blank");

    Properties properties = new Properties();
    properties.setProperty("heapwise.pool.q.max-size", "10");
    properties.setProperty("heapwise.pool.q.prefill", "20");
    properties.setProperty("heapwise.pool.q.miss-policy", "wait");
    properties.setProperty("heapwise.pool.q.max-sise", "3");
    Settings settings = Settings.from(properties, new Properties());
    assertThatThrownBy(() -> PoolConfig.fromSettings(settings, "q"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.pool.q.prefill")
        .hasMessageContaining("heapwise.pool.q.miss-policy")
        .hasMessageContaining("max-sise");

    Properties good = new Properties();
    good.setProperty("heapwise.pool.q.max-size", "10");
    good.setProperty("heapwise.pool.q.miss-policy", "block");
    good.setProperty("heapwise.pool.q.block-timeout", "250ms");
    PoolConfig config = PoolConfig.fromSettings(Settings.from(good, new Properties()), "q");
    assertThat(config.maxSize()).isEqualTo(10);
    assertThat(config.missPolicy()).isEqualTo(MissPolicy.BLOCK);
    assertThat(config.blockTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void crossThreadReleaseReturnsTheObject() throws Exception {
    ObjectPool<Thing> pool = pool(1, MissPolicy.FAIL);
    Pooled<Thing> handle = pool.borrow();
    Thread releaser = new Thread(handle::close);
    releaser.start();
    releaser.join();
    List<Thing> seen = new ArrayList<>();
    try (Pooled<Thing> again = pool.borrow()) {
      seen.add(again.get());
    }
    assertThat(seen).hasSize(1);
    assertThat(pool.stats().idle()).isEqualTo(1);
  }
}
