package io.heapwise.monitor;

import static io.heapwise.core.MemoryPressure.CRITICAL;
import static io.heapwise.core.MemoryPressure.ELEVATED;
import static io.heapwise.core.MemoryPressure.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.ThreadMXBean;
import io.heapwise.core.MemoryPressure;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The monitor's logic on fed samples and a fake clock: no sleeping, no real GC. */
class FedMonitorTest {

  private static final long MAX = 1_000_000_000L; // 1 GB of max heap: shares are exact enough
  private static final long BASE = Duration.ofSeconds(5).toNanos();
  private static final long LONGEST = Duration.ofSeconds(60).toNanos();

  private final FedSource source = new FedSource();
  private final FakeClock clock = new FakeClock();

  private MemoryMonitor monitor(MonitorConfig config) {
    source.heapMax = MAX;
    source.heapCommitted = MAX;
    return new MemoryMonitor(config, wake -> source, clock);
  }

  /** Feeds one sample with heap used at {@code share} of max, after the monitor's own interval. */
  private long sample(MemoryMonitor monitor, double share) {
    clock.advance(Duration.ofNanos(monitor.intervalController().intervalNanos()));
    source.heapUsed = (long) (share * MAX);
    return monitor.sampleOnce();
  }

  @Test
  void stableMemoryReachesMaxIntervalOnTheStabilityWindowthSample() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    List<Long> intervals = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      intervals.add(sample(monitor, 0.30));
    }
    assertThat(intervals.subList(0, 9)).containsOnly(BASE); // window not full yet
    assertThat(intervals.get(9)).isEqualTo(LONGEST);
    assertThat(monitor.snapshot().intervalMillis()).isEqualTo(60_000);
    assertThat(monitor.snapshot().windowVariance()).isCloseTo(0, within(1e-12));
    assertThat(monitor.snapshot().windowMean()).isCloseTo(0.30, within(1e-9));
  }

  @Test
  void varianceBandsChooseTheInterval() {
    // alternating mean +/- d has variance d^2 (share squared): 0.02 -> 4e-4, 0.05 -> 2.5e-3
    assertThat(intervalAfterAlternating(0.005)).isEqualTo(LONGEST); // 2.5e-5 < 1e-4
    assertThat(intervalAfterAlternating(0.02)).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(intervalAfterAlternating(0.05)).isEqualTo(Duration.ofSeconds(15).toNanos());
    assertThat(intervalAfterAlternating(0.20)).isEqualTo(BASE); // 0.04: above every band
  }

  private long intervalAfterAlternating(double d) {
    MemoryMonitor monitor =
        new MemoryMonitor(MonitorConfig.defaults(), wake -> freshSource(), new FakeClock());
    FedSource fed = (FedSource) monitor.source();
    long interval = 0;
    for (int i = 0; i < 20; i++) {
      fed.heapUsed = (long) ((0.4 + (i % 2 == 0 ? d : -d)) * MAX);
      interval = monitor.sampleOnce();
    }
    assertThat(monitor.snapshot().windowVariance()).isCloseTo(d * d, within(1e-9));
    return interval;
  }

  private static FedSource freshSource() {
    FedSource fed = new FedSource();
    fed.heapMax = MAX;
    return fed;
  }

  @Test
  void configuredBandsAreClampedToBaseAndMax() {
    MonitorConfig config =
        MonitorConfig.builder()
            .intervals(Duration.ofSeconds(2), Duration.ofSeconds(20))
            .stabilityWindow(4)
            .intervalBands(
                List.of(
                    new MonitorConfig.Band(1e-3, Duration.ofMinutes(5)),
                    new MonitorConfig.Band(1e-2, Duration.ofSeconds(1))))
            .build();
    MemoryMonitor monitor = monitor(config);
    long interval = 0;
    for (int i = 0; i < 4; i++) {
      interval = sample(monitor, 0.5);
    }
    assertThat(interval).isEqualTo(Duration.ofSeconds(20).toNanos()); // 5 min clamped to max
    for (int i = 0; i < 8; i++) {
      interval = sample(monitor, 0.5 + (i % 2 == 0 ? 0.05 : -0.05)); // variance 2.5e-3
    }
    assertThat(interval).isEqualTo(Duration.ofSeconds(2).toNanos()); // 1 s clamped to base
  }

  @Test
  void aThreeSigmaStepSnapsBackToBaseThenStabilityStretchesAgain() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    for (int i = 0; i < 10; i++) {
      sample(monitor, 0.30);
    }
    assertThat(sample(monitor, 0.32)).as("a move under min-step").isEqualTo(LONGEST);
    assertThat(sample(monitor, 0.45)).as("a 15-point step").isEqualTo(BASE);
    assertThat(monitor.intervalController().lastSnap()).isEqualTo(IntervalController.Snap.STEP);
    // The step stays in the window (variance above every band) until it has rolled out.
    List<Long> after = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      after.add(sample(monitor, 0.45));
    }
    // One outlier in ten (variance ~0.002) or a half-and-half window (~0.0056) is the 15 s band;
    // once the window holds only the new level (the step and nine more) it is stable again.
    assertThat(after.subList(0, 8)).containsOnly(Duration.ofSeconds(15).toNanos());
    assertThat(after.get(8)).isEqualTo(LONGEST);
  }

  @Test
  void aLevelChangeSnapsBackToBaseAndHoldsItWhileUnderPressure() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    for (int i = 0; i < 10; i++) {
      sample(monitor, 0.30);
    }
    assertThat(monitor.snapshot().intervalMillis()).isEqualTo(60_000);
    source.collection((long) (0.75 * MAX), true);
    assertThat(sample(monitor, 0.30)).isEqualTo(BASE);
    assertThat(monitor.intervalController().lastSnap()).isEqualTo(IntervalController.Snap.EVENT);
    assertThat(monitor.currentPressure()).isEqualTo(ELEVATED);
    for (int i = 0; i < 15; i++) {
      assertThat(sample(monitor, 0.30)).isEqualTo(BASE);
    }
    source.collection((long) (0.40 * MAX), true);
    assertThat(sample(monitor, 0.30)).isEqualTo(BASE);
    assertThat(monitor.currentPressure()).isEqualTo(NORMAL);
    assertThat(monitor.snapshot().levelChanges()).isEqualTo(2);
  }

  @Test
  void aCollectionCrossingAThresholdSnapsBackEvenWithoutALevelChange() {
    // hysteresis 0.2: CRITICAL is kept down to 0.65, so 0.84 -> 0.80 crosses 0.85 without a change
    MonitorConfig config = MonitorConfig.builder().hysteresis(0.2).build();
    MemoryMonitor monitor = monitor(config);
    source.collection((long) (0.86 * MAX), true);
    sample(monitor, 0.9);
    assertThat(monitor.currentPressure()).isEqualTo(CRITICAL);
    IntervalController controller = monitor.intervalController();
    source.collection((long) (0.80 * MAX), true);
    sample(monitor, 0.9);
    assertThat(monitor.currentPressure()).isEqualTo(CRITICAL);
    assertThat(controller.lastSnap()).isEqualTo(IntervalController.Snap.EVENT);
  }

  @Test
  void gcOverheadRaisesTheLevelAndHysteresisHoldsIt() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    source.collection((long) (0.2 * MAX), true);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(5));
      source.gcMillis += 1_500; // 30% of wall time in GC
      monitor.sampleOnce();
    }
    assertThat(monitor.snapshot().gcOverhead()).isCloseTo(0.30, within(0.01));
    assertThat(monitor.currentPressure()).isEqualTo(CRITICAL);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(5));
      source.gcMillis += 1_100; // 22%: below 25 but not 5 points below
      monitor.sampleOnce();
    }
    assertThat(monitor.currentPressure()).isEqualTo(CRITICAL);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(5));
      source.gcMillis += 50; // 1%
      monitor.sampleOnce();
    }
    assertThat(monitor.currentPressure()).isEqualTo(NORMAL);
  }

  @Test
  void noFlappingUnderFivePercentNoiseOnLiveHeapAfterGc() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    List<String> changes = new ArrayList<>();
    monitor.subscribe((previous, current) -> changes.add(previous + "->" + current));
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      double live = 0.72 + (random.nextDouble() - 0.5) * 0.10; // 0.67 .. 0.77
      source.collection((long) (live * MAX), true);
      sample(monitor, live + 0.1);
    }
    assertThat(changes).containsExactly("NORMAL->ELEVATED");
    assertThat(monitor.snapshot().levelChanges()).isEqualTo(1);
  }

  @Test
  void aThrowingListenerIsCountedAndNeitherStopsTheMonitorNorOtherListeners() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    List<MemoryPressure> seen = new ArrayList<>();
    monitor.subscribe(
        (previous, current) -> {
          throw new IllegalStateException("broken listener");
        });
    monitor.subscribe((previous, current) -> seen.add(current));
    source.collection((long) (0.9 * MAX), true);
    sample(monitor, 0.95);
    source.collection((long) (0.1 * MAX), true);
    sample(monitor, 0.2);
    sample(monitor, 0.2);
    assertThat(seen).containsExactly(CRITICAL, NORMAL);
    MonitorSnapshot snapshot = monitor.snapshot();
    assertThat(snapshot.listenerFailures()).isEqualTo(2);
    assertThat(snapshot.samples()).isEqualTo(3);
    assertThat(monitor.stats().listenerFailures()).isEqualTo(2);
  }

  @Test
  void snapshotCarriesTheFiguresOfTheLastSample() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    source.collection(250_000_000L, true);
    source.allocatedBytes += 500_000_000L; // over 5 s: 100 MB/s
    clock.advance(Duration.ofSeconds(5));
    source.heapUsed = 400_000_000L;
    monitor.sampleOnce();
    MonitorSnapshot s = monitor.snapshot();
    assertThat(s.pressure()).isEqualTo(NORMAL);
    assertThat(s.intervalMillis()).isEqualTo(5_000);
    assertThat(s.allocationBytesPerSecond()).isCloseTo(100_000_000.0, within(1.0));
    assertThat(s.liveAfterGcBytes()).isEqualTo(250_000_000L);
    assertThat(s.liveAfterGcRatio()).isCloseTo(0.25, within(1e-9));
    assertThat(s.windowMean()).isCloseTo(0.40, within(1e-9));
    assertThat(s.gcOverhead()).isZero();
    assertThat(s.samples()).isEqualTo(1);
    assertThat(s.leakSuspected()).isFalse();
    assertThat(s.lastSample().heapUsedBytes()).isEqualTo(400_000_000L);
    assertThat(s.lastSample().heapMaxBytes()).isEqualTo(MAX);
    assertThat(s.lastSample().nanoTime()).isEqualTo(clock.now);
    assertThat(s.lastSample().pressure()).isEqualTo(NORMAL);
    MonitorStats stats = monitor.stats();
    assertThat(stats.heapUsedBytes()).isEqualTo(400_000_000L);
    assertThat(stats.liveAfterGcRatio()).isCloseTo(0.25, within(1e-9));
    assertThat(stats.samples()).isEqualTo(1);
  }

  @Test
  void aSteadyRiseOfLiveHeapIsSuspectedAsALeakAndClearedWhenItStops() {
    MonitorConfig config = MonitorConfig.builder().leak(8, 1L << 20, Duration.ofMinutes(5)).build();
    MemoryMonitor monitor = monitor(config);
    long live = 200L << 20;
    List<Boolean> suspected = new ArrayList<>();
    for (int minute = 0; minute < 8; minute++) {
      live += 4L << 20; // 4 MiB a minute
      source.collection(live, true);
      source.collection(live + (64L << 20), false); // young GCs in between do not count
      clock.advance(Duration.ofMinutes(1));
      source.heapUsed = live;
      monitor.sampleOnce();
      suspected.add(monitor.snapshot().leakSuspected());
    }
    // One settled collection a minute: the sixth is the first 5 minutes after the first.
    assertThat(suspected).containsExactly(false, false, false, false, false, true, true, true);
    assertThat(monitor.snapshot().leakSlopeBytesPerMinute())
        .isCloseTo(4.0 * (1 << 20), within(1.0));
    for (int minute = 0; minute < 8; minute++) {
      source.collection(live, true); // flat: the trend stopped
      clock.advance(Duration.ofMinutes(1));
      monitor.sampleOnce();
    }
    assertThat(monitor.snapshot().leakSuspected()).isFalse();
    assertThat(monitor.snapshot().leakSlopeBytesPerMinute()).isLessThan(0.5 * (1 << 20));
  }

  @Test
  void aSlowRiseOrOneUnderTheMinimumSpanIsNotALeak() {
    MonitorConfig config =
        MonitorConfig.builder().leak(6, 1L << 20, Duration.ofMinutes(30)).build();
    MemoryMonitor monitor = monitor(config);
    long live = 100L << 20;
    for (int i = 0; i < 20; i++) {
      live += 8L << 20; // fast, but 20 collections 1 minute apart, 6 kept: 5 minutes < 30
      source.collection(live, true);
      clock.advance(Duration.ofMinutes(1));
      monitor.sampleOnce();
    }
    assertThat(monitor.snapshot().leakSuspected()).isFalse();
    assertThat(monitor.snapshot().leakSlopeBytesPerMinute())
        .isCloseTo(8.0 * (1 << 20), within(1.0));
  }

  @Test
  void a100kSamplesRetainNothingBeyondTheRingsAndAllocateNothing() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) { // warm up
      feedOne(monitor, random);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      feedOne(monitor, random);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 100,000 samples").isLessThan(10_000);
    assertThat(monitor.snapshot().samples()).isEqualTo(110_000);
    assertThat(monitor.historyRing().size()).isEqualTo(256);
    assertThat(monitor.historyRing().capacity()).isEqualTo(256);
    assertThat(monitor.history()).hasSize(256);
    assertThat(monitor.leakDetector().size()).isEqualTo(12);
    assertThat(monitor.intervalController().window().size()).isEqualTo(10);
    List<MonitorSample> history = monitor.history();
    assertThat(history.get(255).nanoTime()).isEqualTo(clock.now);
    assertThat(history.get(0).nanoTime()).isLessThan(history.get(255).nanoTime());
  }

  private void feedOne(MemoryMonitor monitor, SplittableRandom random) {
    source.collection((long) ((0.3 + random.nextDouble() * 0.05) * MAX), random.nextInt(4) == 0);
    source.allocatedBytes += 1_000_000;
    source.gcMillis += 1;
    clock.now += 1_000_000_000L; // not clock.advance(Duration): the test must not allocate either
    source.heapUsed = (long) ((0.3 + random.nextDouble() * 0.3) * MAX);
    monitor.sampleOnce();
  }

  @Test
  void closeIsIdempotentAndClosesTheSourceOnce() {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    monitor.close();
    monitor.close();
    assertThat(source.closes).isEqualTo(1);
  }
}
