package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureBroadcaster;
import io.heapwise.core.PressureListener;
import io.heapwise.core.PressureSource;
import io.heapwise.core.PressureSubscription;
import io.heapwise.core.jmx.JmxRegistration;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

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
 * one base interval of the collection that crossed a threshold. The interval follows the variance
 * of the heap-used share over the last {@code stability-window} samples (see {@link MonitorConfig}
 * for the bands); a large step, a level change or a threshold-crossing collection snaps it back to
 * {@code base-interval}. The live heap after the last settled collections is fitted to a line to
 * suspect leaks. Everything it keeps lives in rings allocated at start: its memory does not grow
 * with uptime.
 *
 * <p>Listeners run on the monitor thread; one that throws is counted and logged once and never
 * stops the monitor or the other listeners. Thread-safe.
 */
public final class MemoryMonitor implements PressureSource, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MemoryMonitor.class.getName());

  /** The span over which GC overhead is averaged (exponentially). */
  static final long GC_OVERHEAD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Where the {@link MonitorMXBean} is registered when the config says {@code jmx}. */
  public static final String OBJECT_NAME = "io.heapwise:type=Monitor";

  /** How long {@link #close()} waits for the monitor thread. */
  private static final long CLOSE_WAIT_MILLIS = 1_000;

  private final MonitorConfig config;
  private final PressureBroadcaster broadcaster = new PressureBroadcaster("memory monitor");
  private final PressureJudge judge;
  private final IntervalController intervals;
  private final LeakDetector leaks;
  private final History history;
  private final SampleSource source;
  private final NanoClock clock;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean running = true;
  private final JmxRegistration jmx; // null unless registered

  // Guards the figures below and the history ring: the monitor thread writes them once per sample,
  // snapshot() reads them, so a snapshot never mixes two samples. Uncontended: a few ns a sample.
  private final Object lock = new Object();
  private long samples;
  private long levelChanges;
  private long liveBytes = -1;
  private double liveRatio = -1;
  private double gcOverhead;
  private double allocationRate = -1;

  // Previous sample, monitor thread only.
  private double smoothedOverhead;
  private long lastNanos;
  private long lastGcMillis;
  private long lastAllocated = -1;
  private long lastCollections;
  private long lastSettled;
  private double lastCollectionRatio;
  private boolean loggedFailure;

  /**
   * A monitor whose thread is created but not started: {@link #start} starts it, tests and the
   * benchmark probe call {@link #sampleOnce()} themselves.
   *
   * @param sources makes the sample source, given the action that wakes the monitor thread
   */
  MemoryMonitor(
      MonitorConfig config, Function<Runnable, ? extends SampleSource> sources, NanoClock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.judge = new PressureJudge(config);
    this.intervals = new IntervalController(config);
    this.leaks = new LeakDetector(config);
    this.history = new History(config.historySize());
    this.thread = new Thread(this::run, "heapwise-memory-monitor");
    this.thread.setDaemon(true);
    this.source = sources.apply(() -> LockSupport.unpark(thread));
    prime();
    try {
      this.jmx = config.jmx() ? JmxRegistration.register(new Bean(), "Monitor", null) : null;
    } catch (RuntimeException e) {
      source.close(); // a monitor that failed to build must not keep its GC listeners
      throw e;
    }
  }

  /**
   * Starts a monitor on its own daemon thread; it takes its first sample at once.
   *
   * @param config the configuration
   * @return the running monitor; close it to stop it
   * @throws NullPointerException if the config is null
   */
  public static MemoryMonitor start(MonitorConfig config) {
    MemoryMonitor monitor = new MemoryMonitor(config, HeapSampler::new, NanoClock.SYSTEM);
    monitor.thread.start();
    return monitor;
  }

  /** Reads the counters once so the first sample measures deltas from here. */
  private void prime() {
    source.sample();
    lastNanos = clock.nanoTime();
    lastGcMillis = source.gcMillis();
    lastAllocated = source.allocatedBytes();
  }

  private void run() {
    while (running) {
      long interval;
      try {
        interval = sampleOnce();
      } catch (RuntimeException e) {
        // An MXBean that fails must not end monitoring: log the first failure, retry at base.
        if (!loggedFailure) {
          loggedFailure = true;
          LOG.log(Level.WARNING, "heapwise monitor: a sample failed; retrying", e);
        }
        interval = config.baseInterval().toNanos();
      }
      LockSupport.parkNanos(this, interval); // a GC notification or close() unparks us early
      Thread.interrupted(); // only close() stops the monitor; a stray interrupt must not spin it
    }
  }

  /** Takes one sample, publishes a level change, returns the next interval in nanoseconds. */
  long sampleOnce() {
    source.sample();
    long now = clock.nanoTime();
    long wallNanos = Math.max(1, now - lastNanos);
    long gcMillis = source.gcMillis();
    double instant =
        Math.min(1.0, TimeUnit.MILLISECONDS.toNanos(gcMillis - lastGcMillis) / (double) wallNanos);
    // Smooth over GC_OVERHEAD_WINDOW whatever the sampling interval: a sample taken right after a
    // collection must not read one pause over a few milliseconds as 50% of the time in GC.
    double weight = 1 - Math.exp(-wallNanos / (double) GC_OVERHEAD_WINDOW_NANOS);
    smoothedOverhead = smoothedOverhead + weight * (instant - smoothedOverhead);
    double overhead = smoothedOverhead;

    long heapMax = Math.max(1, source.heapMax());
    // The count is read before the figure (the source writes them in the other order), so a new
    // count always comes with at least its own collection's figure.
    long collections = source.collections();
    long live = source.liveAfterGcBytes();
    double ratio = live < 0 ? 0 : live / (double) heapMax;
    boolean crossed = false;
    if (collections != lastCollections) {
      lastCollections = collections;
      crossed = crossesThreshold(lastCollectionRatio, ratio);
      lastCollectionRatio = ratio;
    }
    long settled = source.settledCollections();
    if (settled != lastSettled) {
      lastSettled = settled;
      leaks.record(now, source.settledLiveBytes());
    }
    long allocated = source.allocatedBytes();
    double rate =
        allocated >= 0 && lastAllocated >= 0 ? (allocated - lastAllocated) * 1e9 / wallNanos : -1;
    lastNanos = now;
    lastGcMillis = gcMillis;
    lastAllocated = allocated;

    MemoryPressure current = broadcaster.currentPressure();
    MemoryPressure next = judge.judge(current, ratio, overhead);
    double usedShare = source.heapUsed() / (double) heapMax;
    long interval =
        intervals.next(usedShare, next != current || crossed || next != MemoryPressure.NORMAL);
    long intervalMillis = TimeUnit.NANOSECONDS.toMillis(interval);
    // Figures first, then the level: a listener that reads snapshot() sees the sample that moved
    // it.
    synchronized (lock) {
      samples++;
      liveBytes = live;
      liveRatio = live < 0 ? -1 : ratio;
      gcOverhead = overhead;
      allocationRate = rate;
      history.add(now, source.heapUsed(), heapMax, live, overhead, rate, next, intervalMillis);
    }
    if (next != current && broadcaster.publish(next)) {
      synchronized (lock) {
        levelChanges++;
      }
      PressureChangedEvent event = new PressureChangedEvent(); // rare: once per level change
      if (event.shouldCommit()) {
        event.previous = current.name();
        event.current = next.name();
        event.liveAfterGcRatio = live < 0 ? -1 : ratio;
        event.gcOverhead = overhead;
        event.commit();
      }
    }
    // Checked on a shared instance first: no event object unless a recording enabled the event.
    if (MonitorSampleEvent.PROBE.isEnabled()) {
      MonitorSampleEvent event = new MonitorSampleEvent();
      event.heapUsed = source.heapUsed();
      event.liveAfterGcRatio = live < 0 ? -1 : ratio;
      event.interval = interval;
      event.commit();
    }
    return interval;
  }

  /** Whether a collection moved the live ratio across a live-ratio threshold, either way. */
  private boolean crossesThreshold(double before, double after) {
    double elevated = config.elevatedLiveRatio();
    double critical = config.criticalLiveRatio();
    return (before >= elevated) != (after >= elevated)
        || (before >= critical) != (after >= critical);
  }

  @Override
  public MemoryPressure currentPressure() {
    return broadcaster.currentPressure();
  }

  @Override
  public PressureSubscription subscribe(PressureListener listener) {
    return broadcaster.subscribe(listener);
  }

  /**
   * Returns the configuration the monitor runs with.
   *
   * @return the configuration
   */
  public MonitorConfig config() {
    return config;
  }

  /**
   * Returns everything the monitor knows after its last sample, all from that one sample.
   *
   * @return a consistent snapshot
   */
  public MonitorSnapshot snapshot() {
    synchronized (lock) {
      VarianceWindow window = intervals.window();
      return new MonitorSnapshot(
          broadcaster.currentPressure(),
          TimeUnit.NANOSECONDS.toMillis(intervals.intervalNanos()),
          history.last(),
          window.mean(),
          window.variance(),
          gcOverhead,
          allocationRate,
          liveBytes,
          liveRatio,
          leaks.suspected(),
          leaks.slopeBytesPerMinute(),
          samples,
          levelChanges,
          broadcaster.listenerFailures());
    }
  }

  /**
   * Returns what the monitor saw at its last sample, in the shape the demo and the meter binders
   * read; {@link #snapshot()} has more.
   *
   * @return the figures of the last sample
   */
  public MonitorStats stats() {
    MonitorSnapshot s = snapshot();
    MonitorSample last = s.lastSample();
    return new MonitorStats(
        s.samples(),
        s.pressure(),
        s.intervalMillis(),
        s.liveAfterGcRatio(),
        s.gcOverhead(),
        s.allocationBytesPerSecond(),
        last == null ? 0 : last.heapUsedBytes(),
        last == null ? source.heapMax() : last.heapMaxBytes(),
        s.levelChanges(),
        s.listenerFailures());
  }

  /**
   * Returns a copy of the history ring: the last {@code history-size} samples, oldest first.
   *
   * @return the recent samples
   */
  public List<MonitorSample> history() {
    synchronized (lock) {
      return history.copy();
    }
  }

  // The fixed-size parts, for the tests that check nothing grows.
  History historyRing() {
    return history;
  }

  LeakDetector leakDetector() {
    return leaks;
  }

  IntervalController intervalController() {
    return intervals;
  }

  Thread thread() {
    return thread;
  }

  SampleSource source() {
    return source;
  }

  /**
   * Stops the monitor thread (waiting up to one second for it) and removes the GC notification
   * listeners. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      try {
        thread.join(CLOSE_WAIT_MILLIS); // returns at once if the thread was never started
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    source.close();
    if (jmx != null) {
      jmx.close();
    }
  }

  /** Wakes the monitor thread for an immediate sample; does nothing once closed. */
  void sampleNow() {
    LockSupport.unpark(thread);
  }

  /** The MXBean: reads snapshots, wakes the thread; holds no state of its own. */
  private final class Bean implements MonitorMXBean {
    @Override
    public String getPressure() {
      return currentPressure().name();
    }

    @Override
    public long getIntervalMillis() {
      return snapshot().intervalMillis();
    }

    @Override
    public long getSamples() {
      return snapshot().samples();
    }

    @Override
    public long getLevelChanges() {
      return snapshot().levelChanges();
    }

    @Override
    public long getListenerFailures() {
      return broadcaster.listenerFailures();
    }

    @Override
    public double getLiveAfterGcRatio() {
      return snapshot().liveAfterGcRatio();
    }

    @Override
    public long getLiveAfterGcBytes() {
      return snapshot().liveAfterGcBytes();
    }

    @Override
    public double getGcOverhead() {
      return snapshot().gcOverhead();
    }

    @Override
    public double getAllocationBytesPerSecond() {
      return snapshot().allocationBytesPerSecond();
    }

    @Override
    public long getHeapUsedBytes() {
      return stats().heapUsedBytes();
    }

    @Override
    public long getHeapMaxBytes() {
      return stats().heapMaxBytes();
    }

    @Override
    public double getWindowMean() {
      return snapshot().windowMean();
    }

    @Override
    public double getWindowVariance() {
      return snapshot().windowVariance();
    }

    @Override
    public boolean isLeakSuspected() {
      return snapshot().leakSuspected();
    }

    @Override
    public double getLeakSlopeBytesPerMinute() {
      return snapshot().leakSlopeBytesPerMinute();
    }

    @Override
    public void sampleNow() {
      MemoryMonitor.this.sampleNow();
    }
  }

  /**
   * Returns a probe for benchmarking one sample: a monitor on this JVM whose thread is not started,
   * so each {@link Probe#sample()} runs exactly the work the monitor thread does per sample (read
   * the counters, judge, choose the interval, record history). For benchmarks and diagnostics; a
   * service uses {@link #start}.
   *
   * @return a probe; close it to remove its GC notification listeners
   */
  public static Probe benchmarkProbe() {
    return new Probe(
        new MemoryMonitor(MonitorConfig.defaults(), HeapSampler::new, NanoClock.SYSTEM));
  }

  /** One monitor sample on demand, for benchmarks. Not thread-safe: one caller at a time. */
  public static final class Probe implements AutoCloseable {
    private final MemoryMonitor monitor;

    private Probe(MemoryMonitor monitor) {
      this.monitor = monitor;
    }

    /**
     * Takes one sample as the monitor thread would.
     *
     * @return the interval chosen, in nanoseconds
     */
    public long sample() {
      return monitor.sampleOnce();
    }

    /** Removes the probe's GC notification listeners. */
    @Override
    public void close() {
      monitor.close();
    }
  }
}
