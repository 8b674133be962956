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
  void closeStopsTheThreadWithinOneSecondAndIsIdempotent() throws InterruptedException {
    MonitorConfig config =
        MonitorConfig.builder().intervals(Duration.ofSeconds(30), Duration.ofMinutes(5)).build();
    MemoryMonitor monitor = MemoryMonitor.start(config);
    waitUntil(() -> monitor.snapshot().samples() >= 1); // now parked for 30 s
    assertThat(monitor.thread().isAlive()).isTrue();
    long began = System.nanoTime();
    monitor.close();
    long tookMillis = (System.nanoTime() - began) / 1_000_000;
    assertThat(monitor.thread().isAlive()).isFalse();
    assertThat(tookMillis).isLessThan(1_000);
    monitor.close(); // idempotent
    long samples = monitor.snapshot().samples();
    System.gc(); // no listener left to wake a sample
    Thread.sleep(50);
    assertThat(monitor.snapshot().samples()).isEqualTo(samples);
  }

  @Test
  void theBenchmarkProbeSamplesTheRealJvm() {
    try (MemoryMonitor.Probe probe = MemoryMonitor.benchmarkProbe()) {
      long interval = 0;
      for (int i = 0; i < 3; i++) {
        interval = probe.sample();
      }
      assertThat(interval).isEqualTo(Duration.ofSeconds(5).toNanos()); // window not full yet
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
    assertThat(config.intervalBands().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void defaultsFollowTheIssue() {
    MonitorConfig config = MonitorConfig.defaults();
    assertThat(config.baseInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.stabilityWindow()).isEqualTo(10);
    assertThat(config.historySize()).isEqualTo(256);
    assertThat(config.snapSigmas()).isEqualTo(3);
    assertThat(config.intervalBands())
        .extracting(MonitorConfig.Band::belowVariance)
        .containsExactly(1e-4, 1e-3, 1e-2);
    assertThat(config.intervalBands())
        .extracting(MonitorConfig.Band::interval)
        .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(15));
  }

  @Test
  void theNewKeysAreReadAndCheckedByName() {
    Properties good = new Properties();
    good.setProperty("heapwise.monitor.interval-bands", "0.0004:2m, 0.004 : 20s");
    good.setProperty("heapwise.monitor.max-interval", "2m");
    good.setProperty("heapwise.monitor.stability-window", "6");
    good.setProperty("heapwise.monitor.snap-sigmas", "4");
    good.setProperty("heapwise.monitor.min-step", "3%");
    good.setProperty("heapwise.monitor.leak-collections", "20");
    good.setProperty("heapwise.monitor.leak-rate", "4MiB");
    good.setProperty("heapwise.monitor.leak-min-span", "30m");
    good.setProperty("heapwise.monitor.history-size", "64");
    MonitorConfig config = MonitorConfig.fromSettings(Settings.from(good, new Properties()));
    assertThat(config.intervalBands())
        .containsExactly(
            new MonitorConfig.Band(4e-4, Duration.ofMinutes(2)),
            new MonitorConfig.Band(4e-3, Duration.ofSeconds(20)));
    assertThat(config.stabilityWindow()).isEqualTo(6);
    assertThat(config.snapSigmas()).isEqualTo(4);
    assertThat(config.minStep()).isEqualTo(0.03);
    assertThat(config.leakCollections()).isEqualTo(20);
    assertThat(config.leakRateBytesPerMinute()).isEqualTo(4L << 20);
    assertThat(config.leakMinSpan()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.historySize()).isEqualTo(64);

    Properties bad = new Properties();
    bad.setProperty("heapwise.monitor.interval-bands", "0.001:30s, 0.0001:60s");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.monitor.interval-bands")
        .hasMessageContaining("0.001:30s, 0.0001:60s")
        .hasMessageContaining("ascend");
    bad.setProperty("heapwise.monitor.interval-bands", "0.001=30s");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .hasMessageContaining("heapwise.monitor.interval-bands")
        .hasMessageContaining("variance:interval");
    bad.setProperty("heapwise.monitor.interval-bands", "lots:30s");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .hasMessageContaining("expected a variance");
    bad.setProperty("heapwise.monitor.interval-bands", "0.001:soon");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .hasMessageContaining("expected a duration");
    bad.remove("heapwise.monitor.interval-bands");
    bad.setProperty("heapwise.monitor.stability-window", "1");
    bad.setProperty("heapwise.monitor.leak-rate", "fast");
    assertThatThrownBy(() -> MonitorConfig.fromSettings(Settings.from(bad, new Properties())))
        .hasMessageContaining("heapwise.monitor.stability-window")
        .hasMessageContaining("heapwise.monitor.leak-rate");
    assertThatThrownBy(() -> new MonitorConfig.Band(-1, Duration.ofSeconds(1)))
        .hasMessageContaining("variance")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> MonitorConfig.builder().stabilityWindow(1))
        .hasMessageContaining("stability-window")
        .hasMessageContaining("1");
    assertThatThrownBy(() -> MonitorConfig.builder().leak(12, 0, Duration.ZERO))
        .hasMessageContaining("leak-rate");
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
