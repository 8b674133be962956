package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

  private final CountingFactory factory = new CountingFactory();
  private final List<LeakReport> reports = new CopyOnWriteArrayList<>();

  private ObjectPool<TestObject> pool(PoolConfig.Builder builder) {
    return ObjectPool.create(builder.build(), factory, reports::add);
  }

  @Test
  void borrowHeldPastTheThresholdIsReportedOnceWithItsStackTrace() throws Exception {
    try (ObjectPool<TestObject> pool =
        pool(
            PoolConfig.builder("leaky").leakDetection(true).leakThreshold(Duration.ofMillis(20)))) {
      Pooled<TestObject> held = pool.borrow();
      awaitReports(1);
      Thread.sleep(250); // two more scans (one each 100 ms at most): still reported once
      assertThat(reports).hasSize(1);
      LeakReport report = reports.get(0);
      assertThat(report.kind()).isEqualTo(LeakReport.Kind.HELD_TOO_LONG);
      assertThat(report.pool()).isEqualTo("leaky");
      assertThat(report.heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
      assertThat(report.borrower()).isEqualTo(Thread.currentThread().getName());
      assertThat(report.borrowSite()).isNotNull();
      assertThat(report.borrowSite().getStackTrace()[0].getMethodName()).isEqualTo("track");
      assertThat(report.borrowSite().getStackTrace())
          .anyMatch(e -> e.getMethodName().startsWith("borrowHeldPastTheThreshold"));
      assertThat(report.describe()).contains("pool leaky: object held for").contains("by thread");
      held.close();
      assertThat(pool.stats().leaksReported()).isEqualTo(1);
      assertThat(pool.stats().idle()).isEqualTo(1);
    }
  }

  @Test
  void shortBorrowsAreNotReported() throws Exception {
    try (ObjectPool<TestObject> pool =
        pool(
            PoolConfig.builder("quick")
                .leakDetection(true)
                .leakThreshold(Duration.ofMillis(200)))) {
      for (int i = 0; i < 100; i++) {
        pool.borrow().close();
      }
      Thread.sleep(300);
      assertThat(reports).isEmpty();
    }
  }

  @Test
  void captureRateZeroReportsWithoutStackTrace() throws Exception {
    try (ObjectPool<TestObject> pool =
        pool(
            PoolConfig.builder("cheap")
                .leakDetection(true)
                .leakThreshold(Duration.ofMillis(10))
                .leakCaptureRate(0.0))) {
      Pooled<TestObject> held = pool.borrow();
      awaitReports(1);
      assertThat(reports.get(0).borrowSite()).isNull();
      assertThat(reports.get(0).describe()).contains("not captured");
      held.close();
    }
  }

  @Test
  void unreachableHandleIsReportedAndItsCapacityComesBack() throws Exception {
    try (ObjectPool<TestObject> pool =
        pool(
            PoolConfig.builder("lost")
                .maxSize(1)
                .missPolicy(MissPolicy.FAIL)
                .leakDetection(true))) {
      leakOne(pool);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (reports.isEmpty() && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(10);
      }
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).kind()).isEqualTo(LeakReport.Kind.UNREACHABLE);
      assertThat(reports.get(0).borrowSite()).isNotNull();
      // The only object was lost; its capacity is back, so a FAIL pool of one can lend again.
      try (Pooled<TestObject> handle = pool.borrow()) {
        assertThat(handle.get().destroyed).isFalse();
      }
      PoolStats stats = pool.stats();
      assertThat(stats.leaksReclaimed()).isEqualTo(1);
      assertThat(stats.destroyed()).isEqualTo(1);
      assertThat(factory.destroys).hasValue(1);
    }
  }

  @Test
  void trackedHandlesDetectStaleUseExactly() {
    try (ObjectPool<TestObject> pool =
        pool(PoolConfig.builder("tracked").maxSize(1).leakDetection(true))) {
      Pooled<TestObject> first = pool.borrow();
      first.close();
      Pooled<TestObject> second = pool.borrow();
      assertThat(second).isNotSameAs(first);
      // The stale handle cannot touch the object now lent to the second borrower.
      assertThatIllegalStateException().isThrownBy(first::close);
      assertThatIllegalStateException().isThrownBy(first::get);
      assertThatIllegalStateException().isThrownBy(() -> pool.invalidate(first));
      assertThat(second.get().destroyed).isFalse();
      pool.invalidate(second);
      second.close();
      assertThat(pool.stats().destroyed()).isEqualTo(1);
    }
  }

  @Test
  void leakDetectionOffHandsOutTheSlotItself() {
    try (ObjectPool<TestObject> pool = pool(PoolConfig.builder("plain"))) {
      Pooled<TestObject> handle = pool.borrow();
      assertThat(handle).isInstanceOf(Slot.class);
      handle.close();
    }
  }

  private static void leakOne(ObjectPool<TestObject> pool) {
    pool.borrow().get().payload = "forgotten";
  }

  @Test
  void scansEveryQuarterOfTheThresholdButAtMostTenTimesASecond() {
    assertThat(LeakTracker.scanPeriodNanos(Duration.ofSeconds(30).toNanos()))
        .isEqualTo(Duration.ofMillis(7_500).toNanos());
    assertThat(LeakTracker.scanPeriodNanos(Duration.ofMillis(400).toNanos()))
        .isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(LeakTracker.scanPeriodNanos(Duration.ofMillis(399).toNanos()))
        .isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(LeakTracker.scanPeriodNanos(Duration.ofMillis(10).toNanos()))
        .isEqualTo(Duration.ofMillis(100).toNanos());
  }

  private void awaitReports(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reports.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(reports).hasSizeGreaterThanOrEqualTo(count);
  }
}
