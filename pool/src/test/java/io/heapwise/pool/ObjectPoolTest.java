package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObjectPoolTest {

  private final CountingFactory factory = new CountingFactory();
  private final List<ObjectPool<?>> pools = new ArrayList<>();

  private ObjectPool<TestObject> pool(PoolConfig.Builder builder) {
    ObjectPool<TestObject> pool = ObjectPool.create(builder.build(), factory);
    pools.add(pool);
    return pool;
  }

  private static PoolConfig.Builder config() {
    return PoolConfig.builder("test").maxSize(4);
  }

  @AfterEach
  void closePools() {
    pools.forEach(ObjectPool::close);
  }

  @Test
  void releasedObjectIsResetAndReusedBySameThread() {
    ObjectPool<TestObject> pool = pool(config());
    TestObject first;
    try (Pooled<TestObject> handle = pool.borrow()) {
      first = handle.get();
      first.payload = "query 1";
    }
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get()).isSameAs(first);
      assertThat(handle.get().payload).isNull();
      assertThat(handle.get().resets).hasValue(1);
    }
    PoolStats stats = pool.stats();
    assertThat(stats.created()).isEqualTo(1);
    assertThat(stats.borrows()).isEqualTo(2);
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.reuseRate()).isEqualTo(0.5);
    assertThat(stats.idle()).isEqualTo(1);
    assertThat(stats.inUse()).isZero();
  }

  @Test
  void handleIsTheSlotSoBorrowingAllocatesNoHandle() {
    ObjectPool<TestObject> pool = pool(config());
    Pooled<TestObject> first = pool.borrow();
    first.close();
    Pooled<TestObject> second = pool.borrow();
    assertThat(second).isSameAs(first);
    second.close();
  }

  @Test
  void prefillCreatesObjectsUpFront() {
    ObjectPool<TestObject> pool = pool(config().prefill(3));
    assertThat(factory.creates).hasValue(3);
    PoolStats stats = pool.stats();
    assertThat(stats.idle()).isEqualTo(3);
    assertThat(stats.created()).isEqualTo(3);
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get()).isNotNull();
    }
    assertThat(pool.stats().hits()).isEqualTo(1);
    assertThat(factory.creates).hasValue(3);
  }

  @Test
  void objectsAreLentToOneBorrowerAtATime() {
    ObjectPool<TestObject> pool = pool(config());
    List<Pooled<TestObject>> handles = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      handles.add(pool.borrow());
    }
    assertThat(handles.stream().map(Pooled::get).distinct()).hasSize(4);
    assertThat(pool.stats().inUse()).isEqualTo(4);
    handles.forEach(Pooled::close);
    assertThat(pool.stats().idle()).isEqualTo(4);
    assertThat(pool.stats().inUse()).isZero();
  }

  @Test
  void releaseOnAnotherThreadMakesObjectAvailable() throws Exception {
    ObjectPool<TestObject> pool = pool(config().maxSize(1).missPolicy(MissPolicy.FAIL));
    Pooled<TestObject> handle = pool.borrow();
    TestObject object = handle.get();
    object.payload = "written by borrower";
    CompletableFuture.runAsync(handle::close).get(5, TimeUnit.SECONDS);
    try (Pooled<TestObject> again = pool.borrow()) {
      assertThat(again.get()).isSameAs(object);
      assertThat(again.get().payload).isNull();
    }
  }

  @Test
  void doubleReleaseThrowsAndCorruptsNothing() {
    ObjectPool<TestObject> pool = pool(config().maxSize(2));
    Pooled<TestObject> handle = pool.borrow();
    handle.close();
    assertThatIllegalStateException()
        .isThrownBy(handle::close)
        .withMessageContaining("pool test")
        .withMessageContaining("not borrowed")
        .withMessageContaining("released twice");
    assertThat(pool.stats().idle()).isEqualTo(1);
    Pooled<TestObject> a = pool.borrow();
    Pooled<TestObject> b = pool.borrow();
    assertThat(a.get()).isNotSameAs(b.get());
    a.close();
    b.close();
    assertThat(pool.stats().idle()).isEqualTo(2);
  }

  @Test
  void getAfterReleaseThrows() {
    ObjectPool<TestObject> pool = pool(config());
    Pooled<TestObject> handle = pool.borrow();
    handle.close();
    assertThatIllegalStateException().isThrownBy(handle::get).withMessageContaining("get()");
  }

  @Test
  void invalidatingAForeignHandleIsRejected() {
    ObjectPool<TestObject> pool = pool(config());
    ObjectPool<TestObject> other = pool(PoolConfig.builder("other"));
    try (Pooled<TestObject> foreign = other.borrow()) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> pool.invalidate(foreign))
          .withMessageContaining("pool test")
          .withMessageContaining("not borrowed from this pool");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> pool.invalidate(null));
    assertThat(other.stats().idle()).isEqualTo(1);
  }

  @Test
  void invalidatedObjectIsDestroyedOnReleaseAndCapacityComesBack() {
    ObjectPool<TestObject> pool = pool(config().maxSize(1).missPolicy(MissPolicy.FAIL));
    TestObject broken;
    try (Pooled<TestObject> handle = pool.borrow()) {
      broken = handle.get();
      pool.invalidate(handle);
    }
    assertThat(broken.destroyed).isTrue();
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get()).isNotSameAs(broken);
    }
    assertThat(pool.stats().destroyed()).isEqualTo(1);
    assertThat(pool.stats().created()).isEqualTo(2);
  }

  @Test
  void invalidateAfterReleaseThrows() {
    ObjectPool<TestObject> pool = pool(config());
    Pooled<TestObject> handle = pool.borrow();
    handle.close();
    assertThatIllegalStateException().isThrownBy(() -> pool.invalidate(handle));
  }

  @Test
  void failingValidationDestroysAndReplacesTheObject() {
    ObjectPool<TestObject> pool = pool(config());
    TestObject first;
    try (Pooled<TestObject> handle = pool.borrow()) {
      first = handle.get();
      first.broken = true;
    }
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get()).isNotSameAs(first);
    }
    assertThat(first.destroyed).isTrue();
    PoolStats stats = pool.stats();
    assertThat(stats.validationFailures()).isEqualTo(1);
    assertThat(stats.created()).isEqualTo(2);
    assertThat(stats.destroyed()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(2);
  }

  @Test
  void throwingValidationDestroysAndReplacesTheObject() {
    ObjectPool<TestObject> pool = pool(config().prefill(1));
    factory.failValidate = true;
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get().destroyed).isFalse();
    }
    assertThat(pool.stats().validationFailures()).isEqualTo(1);
    assertThat(factory.destroys).hasValue(1);
  }

  @Test
  void throwingCreateReachesCallerNamingPoolAndLosesNoCapacity() {
    ObjectPool<TestObject> pool = pool(config().maxSize(2).missPolicy(MissPolicy.FAIL));
    factory.failCreate = true;
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(pool::borrow)
          .isInstanceOf(PoolException.class)
          .hasMessageContaining("pool test")
          .hasMessageContaining("create() failed")
          .hasRootCauseMessage("database down");
    }
    factory.failCreate = false;
    Pooled<TestObject> a = pool.borrow();
    Pooled<TestObject> b = pool.borrow();
    assertThat(a.get()).isNotSameAs(b.get());
    a.close();
    b.close();
    assertThat(pool.stats().createFailures()).isEqualTo(5);
  }

  @Test
  void throwingCreateDuringPrefillFailsBuildNamingPool() {
    factory.failCreate = true;
    assertThatThrownBy(() -> pool(config().prefill(2)))
        .isInstanceOf(PoolException.class)
        .hasMessageContaining("pool test");
  }

  @Test
  void throwingResetDestroysObjectAndPoolKeepsItsSize() {
    ObjectPool<TestObject> pool = pool(config().maxSize(1).missPolicy(MissPolicy.FAIL));
    factory.failReset = true;
    TestObject first;
    try (Pooled<TestObject> handle = pool.borrow()) {
      first = handle.get();
    }
    assertThat(first.destroyed).isTrue();
    factory.failReset = false;
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get()).isNotSameAs(first);
    }
    assertThat(pool.stats().resetFailures()).isEqualTo(1);
  }

  @Test
  void throwingDestroyIsCountedAndPoolGoesOn() {
    ObjectPool<TestObject> pool = pool(config().maxSize(1).missPolicy(MissPolicy.FAIL));
    factory.failDestroy = true;
    try (Pooled<TestObject> handle = pool.borrow()) {
      pool.invalidate(handle);
    }
    try (Pooled<TestObject> handle = pool.borrow()) {
      assertThat(handle.get().destroyed).isFalse();
    }
    assertThat(pool.stats().destroyFailures()).isEqualTo(1);
  }

  @Test
  void allocatePolicyHandsOutExtrasThatAreDroppedOnRelease() {
    ObjectPool<TestObject> pool = pool(config().maxSize(1));
    Pooled<TestObject> pooled = pool.borrow();
    Pooled<TestObject> extra = pool.borrow();
    assertThat(extra.get()).isNotSameAs(pooled.get());
    PoolStats during = pool.stats();
    assertThat(during.extrasAllocated()).isEqualTo(1);
    assertThat(during.extrasInUse()).isEqualTo(1);
    assertThat(during.inUse()).isEqualTo(2);
    TestObject extraObject = extra.get();
    extra.close();
    assertThat(extraObject.destroyed).isTrue();
    assertThatIllegalStateException().isThrownBy(extra::close).withMessageContaining("extra");
    pooled.close();
    PoolStats after = pool.stats();
    assertThat(after.extrasInUse()).isZero();
    assertThat(after.idle()).isEqualTo(1);
    assertThat(after.borrows()).isEqualTo(2);
    assertThat(after.misses()).isEqualTo(2);
    assertThat(after.destroyed()).isZero();
  }

  @Test
  void failPolicyThrowsNamingPoolAndSize() {
    ObjectPool<TestObject> pool = pool(config().maxSize(2).missPolicy(MissPolicy.FAIL));
    Pooled<TestObject> a = pool.borrow();
    Pooled<TestObject> b = pool.borrow();
    assertThatThrownBy(pool::borrow)
        .isInstanceOf(PoolExhaustedException.class)
        .hasMessageContaining("pool test is exhausted")
        .hasMessageContaining("all 2 objects are borrowed")
        .hasMessageContaining("miss-policy fail");
    assertThat(pool.stats().exhausted()).isEqualTo(1);
    a.close();
    b.close();
  }

  @Test
  void tryBorrowReturnsNullWhenExhausted() {
    ObjectPool<TestObject> pool = pool(config().maxSize(1));
    Pooled<TestObject> a = pool.tryBorrow();
    assertThat(a).isNotNull();
    assertThat(pool.tryBorrow()).isNull();
    assertThat(pool.stats().extrasAllocated()).isZero();
    a.close();
    Pooled<TestObject> again = pool.tryBorrow();
    assertThat(again).isNotNull();
    again.close();
  }

  @Test
  void blockPolicyWaitsForARelease() throws Exception {
    ObjectPool<TestObject> pool =
        pool(
            config().maxSize(1).missPolicy(MissPolicy.BLOCK).borrowTimeout(Duration.ofSeconds(10)));
    Pooled<TestObject> held = pool.borrow();
    TestObject object = held.get();
    FutureTask<TestObject> waiter =
        new FutureTask<>(
            () -> {
              try (Pooled<TestObject> handle = pool.borrow()) {
                return handle.get();
              }
            });
    Thread waiting = new Thread(waiter, "waiter");
    waiting.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (waiting.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1); // until the waiter is parked inside borrow(), not merely started
    }
    assertThat(waiting.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    assertThat(waiter).isNotDone();
    held.close();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isSameAs(object);
    assertThat(pool.stats().borrowWaitNanos()).isPositive();
    assertThat(pool.stats().borrowWaitMaxNanos()).isPositive();
  }

  @Test
  void blockPolicyTimesOutWithExhaustedException() {
    ObjectPool<TestObject> pool =
        pool(config().maxSize(1).missPolicy(MissPolicy.BLOCK).borrowTimeout(Duration.ofMillis(30)));
    try (Pooled<TestObject> held = pool.borrow()) {
      long start = System.nanoTime();
      assertThatThrownBy(pool::borrow)
          .isInstanceOf(PoolExhaustedException.class)
          .hasMessageContaining("miss-policy block")
          .hasMessageContaining("waited 30 ms");
      assertThat(System.nanoTime() - start)
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
      assertThat(held.get()).isNotNull();
    }
  }

  @Test
  void timedBorrowWaitsEvenUnderFailPolicy() throws Exception {
    ObjectPool<TestObject> pool = pool(config().maxSize(1).missPolicy(MissPolicy.FAIL));
    Pooled<TestObject> held = pool.borrow();
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try (Pooled<TestObject> handle = pool.borrow(Duration.ofSeconds(10))) {
                return handle.get() != null;
              }
            });
    Thread.sleep(30);
    held.close();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    try (Pooled<TestObject> again = pool.borrow()) {
      assertThatThrownBy(() -> pool.borrow(Duration.ofMillis(5)))
          .isInstanceOf(PoolExhaustedException.class);
      assertThat(again.get()).isNotNull();
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> pool.borrow(Duration.ofMillis(-1)))
        .withMessageContaining("must be zero or positive");
  }

  @Test
  void interruptedWaiterGetsPoolExceptionAndKeepsInterruptFlag() throws Exception {
    ObjectPool<TestObject> pool =
        pool(
            config().maxSize(1).missPolicy(MissPolicy.BLOCK).borrowTimeout(Duration.ofSeconds(30)));
    try (Pooled<TestObject> held = pool.borrow()) {
      CompletableFuture<String> outcome = new CompletableFuture<>();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  pool.borrow().close();
                  outcome.complete("borrowed");
                } catch (PoolException e) {
                  outcome.complete(
                      e.getMessage() + " interrupted=" + Thread.currentThread().isInterrupted());
                }
              });
      waiter.start();
      Thread.sleep(30);
      waiter.interrupt();
      assertThat(outcome.get(5, TimeUnit.SECONDS))
          .contains("interrupted while waiting")
          .endsWith("interrupted=true");
      assertThat(held.get()).isNotNull();
    }
  }

  @Test
  void closeDestroysIdleObjectsAndLaterReleases() {
    ObjectPool<TestObject> pool = pool(config().prefill(2));
    Pooled<TestObject> outstanding = pool.borrow();
    pool.close();
    assertThat(pool.isClosed()).isTrue();
    assertThat(factory.destroys).hasValue(1);
    assertThatIllegalStateException().isThrownBy(pool::borrow).withMessage("pool test is closed");
    assertThatIllegalStateException().isThrownBy(pool::tryBorrow);
    TestObject object = outstanding.get();
    outstanding.close();
    assertThat(object.destroyed).isTrue();
    assertThat(factory.alive).isEmpty();
    pool.close();
    assertThat(factory.destroys).hasValue(2);
  }

  @Test
  void closeWakesWaitersWithAnError() throws Exception {
    ObjectPool<TestObject> pool =
        pool(
            config().maxSize(1).missPolicy(MissPolicy.BLOCK).borrowTimeout(Duration.ofSeconds(30)));
    Pooled<TestObject> held = pool.borrow();
    CompletableFuture<Pooled<TestObject>> waiter = CompletableFuture.supplyAsync(pool::borrow);
    Thread.sleep(30);
    pool.close();
    assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    held.close();
  }

  @Test
  void resizeShrinksAndGrowsAtRunTime() {
    ObjectPool<TestObject> pool = pool(config().maxSize(4).prefill(4).missPolicy(MissPolicy.FAIL));
    pool.resize(2);
    assertThat(pool.stats().idle()).isEqualTo(2);
    assertThat(pool.stats().maxSize()).isEqualTo(2);
    Pooled<TestObject> a = pool.borrow();
    Pooled<TestObject> b = pool.borrow();
    assertThatThrownBy(pool::borrow).isInstanceOf(PoolExhaustedException.class);
    pool.resize(3);
    Pooled<TestObject> c = pool.borrow();
    pool.resize(1);
    a.close();
    b.close();
    c.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThat(factory.alive).hasSize(1);
  }

  @Test
  void resizeOutsideItsLimitIsRejectedNamingTheRange() {
    ObjectPool<TestObject> pool = pool(config().maxSize(4).resizeLimit(8));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> pool.resize(9))
        .withMessage("pool test: max size must be from 1 to 8 (resize-limit) but was 9");
    assertThatIllegalArgumentException().isThrownBy(() -> pool.resize(0));
    assertThat(pool.stats().maxSize()).isEqualTo(4);
  }

  @Test
  void trimDestroysIdleObjectsOnly() {
    ObjectPool<TestObject> pool = pool(config().prefill(4));
    Pooled<TestObject> held = pool.borrow();
    assertThat(pool.trim(10)).isEqualTo(3);
    assertThat(held.get().destroyed).isFalse();
    assertThat(pool.stats().idle()).isZero();
    held.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> pool.trim(-1))
        .withMessageContaining("must not be negative but was -1");
  }

  @Test
  void hooksThatAreNotOverriddenAreNotCalled() {
    Hooks none = Hooks.of(PoolFactory.of(TestObject::new));
    assertThat(none.reset || none.validate || none.destroy).isFalse();
    Hooks resetOnly = Hooks.of(PoolFactory.of(TestObject::new, o -> o.payload = null));
    assertThat(resetOnly.reset).isTrue();
    assertThat(resetOnly.validate || resetOnly.destroy).isFalse();
    Hooks all = Hooks.of(new CountingFactory());
    assertThat(all.reset && all.validate && all.destroy).isTrue();
    PoolFactory<TestObject> createOnly = TestObject::new;
    assertThat(Hooks.of(createOnly).reset).isFalse();
  }

  @Test
  void functionalFactoryCallsItsFunctions() {
    List<String> calls = new ArrayList<>();
    PoolFactory<TestObject> functions =
        PoolFactory.of(
            TestObject::new,
            o -> calls.add("reset"),
            o -> calls.add("validate"),
            o -> calls.add("destroy"));
    ObjectPool<TestObject> pool = ObjectPool.create(config().build(), functions);
    pool.borrow().close();
    pool.borrow().close();
    pool.close();
    assertThat(calls).containsExactly("reset", "validate", "reset", "destroy");
  }
}
