package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.heapwise.core.MemoryPressure;
import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MemoryMonitorTest {

  @Test
  void aSampleAllocatesNothing() {
    try (HeapSampler sampler = new HeapSampler(() -> {})) {
      PressureJudge judge = new PressureJudge(MonitorConfig.defaults());
      IntervalController intervals = new IntervalController(MonitorConfig.defaults());
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      for (int i = 0; i < 20_000; i++) {
        sampler.sample();
        intervals.next(0.3, judge.judge(MemoryPressure.NORMAL, 0.3, 0.01) != MemoryPressure.NORMAL);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 10_000; i++) {
        sampler.sample();
        intervals.next(0.3, judge.judge(MemoryPressure.NORMAL, 0.3, 0.01) != MemoryPressure.NORMAL);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;

      assertThat(allocated).as("bytes for 10,000 samples").isLessThan(1_000);
      assertThat(sampler.heapMax).isPositive();
      assertThat(sampler.heapUsed).isPositive().isLessThanOrEqualTo(sampler.heapCommitted);
      assertThat(sampler.knowsAllocation()).isTrue();
      assertThat(sampler.allocatedBytes).isPositive();
    }
  }

  @Test
  void samplesPeriodicallyAndRecordsLiveHeapAfterGc() throws InterruptedException {
    MonitorConfig config =
        MonitorConfig.builder().intervals(Duration.ofMillis(20), Duration.ofMillis(200)).build();
    try (MemoryMonitor monitor = MemoryMonitor.start(config)) {
      System.gc();
      waitUntil(() -> monitor.stats().liveAfterGcRatio() >= 0 && monitor.stats().samples() >= 3);
      MonitorStats stats = monitor.stats();
      assertThat(stats.samples()).isGreaterThanOrEqualTo(3);
      assertThat(stats.liveAfterGcRatio()).isBetween(0.0, 1.0);
      assertThat(stats.heapMaxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
      assertThat(stats.intervalMillis()).isBetween(20L, 200L);
      assertThat(stats.pressure()).isEqualTo(MemoryPressure.NORMAL);
    }
  }

  @Test
  void aCollectionThatCrossesAThresholdIsPublishedPromptly() throws InterruptedException {
    MonitorConfig config =
        MonitorConfig.builder()
            .intervals(Duration.ofMillis(50), Duration.ofSeconds(10))
            .liveRatios(0.000_001, 0.99) // any live heap at all counts as ELEVATED
            .gcOverheads(0.98, 0.99)
            .build();
    List<String> changes = new CopyOnWriteArrayList<>();
    try (MemoryMonitor monitor = MemoryMonitor.start(config)) {
      monitor.subscribe((previous, current) -> changes.add(previous + "->" + current));
      monitor.subscribe(
          (previous, current) -> {
            throw new IllegalStateException("a broken listener");
          });
      System.gc();
      waitUntil(() -> monitor.stats().levelChanges() > 0);
      assertThat(changes).containsExactly("NORMAL->ELEVATED");
      assertThat(monitor.currentPressure()).isEqualTo(MemoryPressure.ELEVATED);
      assertThat(monitor.stats().levelChanges()).isEqualTo(1);
      assertThat(monitor.stats().listenerFailures()).isEqualTo(1);
      assertThat(monitor.stats().intervalMillis()).isEqualTo(50); // under pressure: base interval
    }
  }

  @Test
  void configRejectsBadValuesByName() {
    assertThatThrownBy(
            () -> MonitorConfig.builder().intervals(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("base-interval <= max-interval");
    assertThatThrownBy(() -> MonitorConfig.builder().liveRatios(0.9, 0.8))
        .hasMessageContaining("live-ratio")
        .hasMessageContaining("0.9");
    Properties bad = new Properties();
    bad.setProperty("heapwise.monitor.base-interval", "soon");
    bad.setProperty("heapwise.monitor.elevated-live-ratio", "1.5");
    bad.setProperty("heapwise.monitor.max-intervall", "1m");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.monitor.base-interval")
        .hasMessageContaining("heapwise.monitor.elevated-live-ratio")
        .hasMessageContaining("max-intervall");
    Properties good = new Properties();
    good.setProperty("heapwise.monitor.base-interval", "500ms");
    good.setProperty("heapwise.monitor.max-interval", "1m");
    MonitorConfig config = MonitorConfig.fromSettings(Settings.from(good, new Properties()));
    assertThat(config.baseInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
