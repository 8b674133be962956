package io.heapwise.micrometer;

import io.heapwise.monitor.MemoryMonitor;
import io.heapwise.monitor.MonitorStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Meters of the {@link MemoryMonitor}: gauges {@code heapwise.monitor.pressure} (0 NORMAL, 1
 * ELEVATED, 2 CRITICAL), {@code .interval} (seconds), {@code .live.after.gc.ratio}, {@code
 * .gc.overhead}, {@code .allocation.rate} (bytes per second), {@code .leak.suspected} (1 while live
 * heap after GC keeps growing faster than {@code leak-rate}, else 0) and {@code .leak.slope} (bytes
 * per minute); counters {@code .samples} and {@code .level.changes}.
 */
public final class MonitorMetrics implements MeterBinder {

  private final MemoryMonitor monitor;
  private final Tags tags;

  /** Binds {@code monitor}'s meters with {@code extraTags}. */
  public MonitorMetrics(MemoryMonitor monitor, Iterable<Tag> extraTags) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.tags = Tags.of(extraTags);
  }

  /** Binds {@code monitor}'s meters. */
  public MonitorMetrics(MemoryMonitor monitor) {
    this(monitor, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "pressure", null, s -> pressureValue(s));
    gauge(registry, "interval", "seconds", s -> s.intervalMillis() / 1000.0);
    gauge(registry, "live.after.gc.ratio", null, MonitorStats::liveAfterGcRatio);
    gauge(registry, "gc.overhead", null, MonitorStats::gcOverhead);
    gauge(registry, "allocation.rate", "bytes/s", MonitorStats::allocationBytesPerSecond);
    Gauge.builder(
            "heapwise.monitor.leak.suspected", monitor, m -> m.snapshot().leakSuspected() ? 1 : 0)
        .description("1 while live heap after GC grows faster than leak-rate")
        .tags(tags)
        .register(registry);
    Gauge.builder(
            "heapwise.monitor.leak.slope", monitor, m -> m.snapshot().leakSlopeBytesPerMinute())
        .description("growth of live heap after GC, least-squares over settled collections")
        .baseUnit("bytes/min")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("heapwise.monitor.samples", monitor, m -> m.stats().samples())
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            "heapwise.monitor.level.changes", monitor, m -> m.stats().levelChanges())
        .tags(tags)
        .register(registry);
  }

  private static double pressureValue(MonitorStats stats) {
    return switch (stats.pressure()) {
      case NORMAL -> 0;
      case ELEVATED -> 1;
      case CRITICAL -> 2;
    };
  }

  private void gauge(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<MonitorStats> figure) {
    Gauge.builder("heapwise.monitor." + name, monitor, m -> figure.applyAsDouble(m.stats()))
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }
}
