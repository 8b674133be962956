package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureBroadcaster;
import io.heapwise.core.PressureListener;
import io.heapwise.core.PressureSource;
import io.heapwise.core.PressureSubscription;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The adaptive memory monitor: samples the heap rarely while memory is stable and often while it
 * moves, judges memory pressure from what survives collection (never from the "used" figure, which
 * climbs toward max between collections in a healthy JVM), and tells its listeners the moment the
 * level changes.
 *
 * <pre>{@code
 * try (MemoryMonitor monitor = MemoryMonitor.start(MonitorConfig.fromSettings(settings))) {
 *   monitor.subscribe(cache);
 *   monitor.subscribe(pool);
 *   ...
 * }
 * }</pre>
 *
 * <p>It runs on one daemon thread of its own. A sample reads a few counters and allocates nothing;
 * a GC notification wakes the thread for an immediate sample, so a level change is published within
 * one base interval of the collection that crossed a threshold. It keeps O(1) state (an
 * exponentially weighted mean and variance), never a history.
 *
 * <p>Listeners run on the monitor thread; one that throws is counted and logged once and never
 * stops the monitor or the other listeners. Thread-safe.
 */
public final class MemoryMonitor implements PressureSource, AutoCloseable {

  private final MonitorConfig config;
  private final PressureBroadcaster broadcaster = new PressureBroadcaster("memory monitor");
  private final PressureJudge judge;
  private final IntervalController intervals;
  private final HeapSampler sampler;
  private final Thread thread;
  private volatile boolean running = true;

  // Written by the monitor thread, read by stats().
  private volatile long samples;
  private volatile double liveRatio = -1;
  private volatile double gcOverhead;
  private volatile double allocationRate = -1;
  private volatile long heapUsed;
  private volatile long heapMax;
  private volatile long levelChanges;

  /** The span over which GC overhead is averaged (exponentially). */
  static final long GC_OVERHEAD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

  // Previous sample, monitor thread only.
  private double smoothedOverhead;
  private long lastNanos;
  private long lastGcMillis;
  private long lastAllocated;

  private MemoryMonitor(MonitorConfig config) {
    this.config = config;
    this.judge = new PressureJudge(config);
    this.intervals = new IntervalController(config);
    this.thread = new Thread(this::run, "heapwise-memory-monitor");
    this.thread.setDaemon(true);
    this.sampler = new HeapSampler(() -> LockSupport.unpark(thread));
  }

  /**
   * Starts a monitor on its own daemon thread; it takes its first sample at once.
   *
   * @throws NullPointerException if the config is null
   */
  public static MemoryMonitor start(MonitorConfig config) {
    MemoryMonitor monitor = new MemoryMonitor(Objects.requireNonNull(config, "config"));
    monitor.sampler.sample();
    monitor.remember();
    monitor.thread.start();
    return monitor;
  }

  private void run() {
    while (running) {
      long interval = sampleOnce();
      LockSupport.parkNanos(this, interval); // a GC notification unparks us early
    }
  }

  /** Takes one sample, publishes a level change, returns the next interval. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the monitor thread
  long sampleOnce() {
    sampler.sample();
    long wallNanos = Math.max(1, sampler.nanoTime - lastNanos);
    double instant =
        Math.min(
            1.0,
            TimeUnit.MILLISECONDS.toNanos(sampler.gcMillis - lastGcMillis) / (double) wallNanos);
    // Smooth over GC_OVERHEAD_WINDOW whatever the sampling interval: a sample taken right after a
    // collection must not read one pause over a few milliseconds as 50% of the time in GC.
    double weight = 1 - Math.exp(-wallNanos / (double) GC_OVERHEAD_WINDOW_NANOS);
    smoothedOverhead = smoothedOverhead + weight * (instant - smoothedOverhead);
    double overhead = smoothedOverhead;
    long live = sampler.liveAfterGcBytes();
    double ratio = live < 0 ? 0 : live / (double) sampler.heapMax;
    if (sampler.knowsAllocation()) {
      allocationRate = (sampler.allocatedBytes - lastAllocated) * 1e9 / wallNanos;
    }
    remember();
    gcOverhead = overhead;
    liveRatio = live < 0 ? -1 : ratio;
    heapUsed = sampler.heapUsed;
    heapMax = sampler.heapMax;
    samples++;
    MemoryPressure current = broadcaster.currentPressure();
    MemoryPressure next = judge.judge(current, ratio, overhead);
    if (next != current && broadcaster.publish(next)) {
      levelChanges++;
    }
    return intervals.next(ratio, next != MemoryPressure.NORMAL);
  }

  private void remember() {
    lastNanos = sampler.nanoTime;
    lastGcMillis = sampler.gcMillis;
    lastAllocated = sampler.allocatedBytes;
  }

  @Override
  public MemoryPressure currentPressure() {
    return broadcaster.currentPressure();
  }

  @Override
  public PressureSubscription subscribe(PressureListener listener) {
    return broadcaster.subscribe(listener);
  }

  /** The configuration the monitor runs with. */
  public MonitorConfig config() {
    return config;
  }

  /** What the monitor saw at its last sample. */
  public MonitorStats stats() {
    return new MonitorStats(
        samples,
        broadcaster.currentPressure(),
        TimeUnit.NANOSECONDS.toMillis(intervals.intervalNanos()),
        liveRatio,
        gcOverhead,
        allocationRate,
        heapUsed,
        heapMax,
        levelChanges,
        broadcaster.listenerFailures());
  }

  /** Stops the monitor thread and removes the GC notification listeners. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampler.close();
  }
}
