package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolPressureTest {

  private final CountingFactory factory = new CountingFactory();
  private final ManualPressureSource pressure = new ManualPressureSource();

  private ObjectPool<TestObject> pool(int max, int prefill, int floor) {
    ObjectPool<TestObject> pool =
        ObjectPool.create(
            PoolConfig.builder("pressured")
                .maxSize(max)
                .prefill(prefill)
                .trimFloor(floor)
                .elevatedTrim(0.5)
                .build(),
            factory);
    pressure.subscribe(pool);
    return pool;
  }

  @Test
  void elevatedTrimsHalfOfTheIdleObjectsAboveTheFloor() {
    try (ObjectPool<TestObject> pool = pool(16, 12, 4)) {
      pressure.set(MemoryPressure.ELEVATED);
      assertThat(pool.stats().idle()).isEqualTo(8);
      assertThat(pool.stats().destroyed()).isEqualTo(4);
      assertThat(pool.stats().pressure()).isEqualTo(MemoryPressure.ELEVATED);
      // Normal retention continues under ELEVATED: released objects are kept.
      List<Pooled<TestObject>> handles = borrow(pool, 10);
      handles.forEach(Pooled::close);
      assertThat(pool.stats().idle()).isEqualTo(10);
    }
  }

  @Test
  void criticalTrimsToTheFloorAndDropsReleasedObjectsAboveIt() {
    try (ObjectPool<TestObject> pool = pool(16, 8, 2)) {
      List<Pooled<TestObject>> held = borrow(pool, 6);
      pressure.set(MemoryPressure.CRITICAL);
      assertThat(pool.stats().idle()).isZero();
      assertThat(factory.alive).hasSize(6);
      held.forEach(Pooled::close);
      assertThat(pool.stats().idle()).isEqualTo(2);
      assertThat(factory.alive).hasSize(2);
      // Borrowing still works under CRITICAL; objects above the floor are dropped on release.
      List<Pooled<TestObject>> burst = borrow(pool, 5);
      burst.forEach(Pooled::close);
      assertThat(pool.stats().idle()).isEqualTo(2);
    }
  }

  @Test
  void normalRestoresRetention() {
    try (ObjectPool<TestObject> pool = pool(16, 0, 1)) {
      pressure.set(MemoryPressure.CRITICAL);
      borrow(pool, 4).forEach(Pooled::close);
      assertThat(pool.stats().idle()).isEqualTo(1);
      pressure.set(MemoryPressure.NORMAL);
      borrow(pool, 4).forEach(Pooled::close);
      assertThat(pool.stats().idle()).isEqualTo(4);
      assertThat(pool.stats().pressure()).isEqualTo(MemoryPressure.NORMAL);
    }
  }

  @Test
  void largeTrimIsDoneInBoundedStepsAndFinishedOnTheMaintenanceThread() throws Exception {
    AtomicInteger onPublisher = new AtomicInteger();
    AtomicInteger elsewhere = new AtomicInteger();
    PoolFactory<TestObject> recording =
        PoolFactory.of(
            TestObject::new,
            null,
            null,
            o -> {
              if (Thread.currentThread().getName().equals("publisher")) {
                onPublisher.incrementAndGet();
              } else {
                elsewhere.incrementAndGet();
              }
            });
    try (ObjectPool<TestObject> pool =
        ObjectPool.create(
            PoolConfig.builder("steps").maxSize(500).prefill(500).build(), recording)) {
      Thread publisher =
          new Thread(() -> pool.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL));
      publisher.setName("publisher");
      publisher.start();
      publisher.join();
      assertThat(onPublisher).hasValue(ObjectPool.TRIM_STEP);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (elsewhere.get() < 500 - ObjectPool.TRIM_STEP && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(elsewhere).hasValue(500 - ObjectPool.TRIM_STEP);
      assertThat(pool.stats().idle()).isZero();
    }
  }

  private static List<Pooled<TestObject>> borrow(ObjectPool<TestObject> pool, int count) {
    List<Pooled<TestObject>> handles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      handles.add(pool.borrow());
    }
    return handles;
  }
}
