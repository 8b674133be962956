package io.heapwise.micrometer;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Meters of a {@link BoundedBatchBuffer}: counters {@code heapwise.buffer.offered}, {@code
 * .accepted}, {@code .rejected}, {@code .dropped}, {@code .caller.ran}, {@code .drained} (items
 * handed to the consumer), {@code .failed} (items of batches whose consumer threw), {@code
 * .blocked.count} (offers that parked) and {@code .blocked} (seconds producers spent parked);
 * gauges {@code .items}, {@code .bytes}, {@code .high.water.items}, {@code .high.water.bytes},
 * {@code .capacity}. Tagged {@code name}.
 */
public final class BufferMetrics implements MeterBinder {

  private final BoundedBatchBuffer<?> buffer;
  private final Tags tags;

  /** Binds {@code buffer}'s meters, tagged with its name and {@code extraTags}. */
  public BufferMetrics(BoundedBatchBuffer<?> buffer, Iterable<Tag> extraTags) {
    this.buffer = Objects.requireNonNull(buffer, "buffer");
    this.tags = Tags.of("name", buffer.name()).and(extraTags);
  }

  /** Binds {@code buffer}'s meters, tagged with its name. */
  public BufferMetrics(BoundedBatchBuffer<?> buffer) {
    this(buffer, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "offered", BufferStats::offered);
    counter(registry, "accepted", BufferStats::accepted);
    counter(registry, "rejected", BufferStats::rejected);
    counter(registry, "dropped", BufferStats::dropped);
    counter(registry, "caller.ran", BufferStats::callerRan);
    counter(registry, "drained", BufferStats::drained);
    counter(registry, "failed", BufferStats::failed);
    FunctionCounter.builder("heapwise.buffer.blocked.count", buffer, b -> b.stats().blockedCount())
        .description("offers that parked waiting for room")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("heapwise.buffer.blocked", buffer, b -> b.stats().blockedNanos() / 1e9)
        .description("time producers spent parked waiting for room")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    gauge(registry, "items", null, BufferStats::items);
    gauge(registry, "bytes", BaseUnits.BYTES, BufferStats::bytes);
    gauge(registry, "high.water.items", null, BufferStats::highWaterItems);
    gauge(registry, "high.water.bytes", BaseUnits.BYTES, BufferStats::highWaterBytes);
    gauge(registry, "capacity", null, BufferStats::capacity);
  }

  private void counter(MeterRegistry registry, String name, ToDoubleFunction<BufferStats> figure) {
    FunctionCounter.builder("heapwise.buffer." + name, buffer, b -> figure.applyAsDouble(b.stats()))
        .baseUnit("items")
        .tags(tags)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<BufferStats> figure) {
    Gauge.builder("heapwise.buffer." + name, buffer, b -> figure.applyAsDouble(b.stats()))
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }
}
