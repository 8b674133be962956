package io.heapwise.micrometer;

import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Meters of an {@link ObjectPool}: counters {@code heapwise.pool.borrows}, {@code .hits}, {@code
 * .misses}, {@code .extras}, {@code .exhausted}, {@code .leaks}; gauges {@code
 * heapwise.pool.reuse.ratio}, {@code .in.use}, {@code .idle}, {@code .max.size}. Tagged {@code
 * name}.
 */
public final class PoolMetrics implements MeterBinder {

  private final ObjectPool<?> pool;
  private final Tags tags;

  /** Binds {@code pool}'s meters, tagged with its name and {@code extraTags}. */
  public PoolMetrics(ObjectPool<?> pool, Iterable<Tag> extraTags) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.tags = Tags.of("name", pool.name()).and(extraTags);
  }

  /** Binds {@code pool}'s meters, tagged with its name. */
  public PoolMetrics(ObjectPool<?> pool) {
    this(pool, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "borrows", "objects lent", PoolStats::borrows);
    counter(registry, "hits", "borrows served by a pooled object", PoolStats::hits);
    counter(registry, "misses", "borrows that had to create an object", PoolStats::misses);
    counter(registry, "extras", "objects created outside the pool", PoolStats::extrasAllocated);
    counter(registry, "exhausted", "borrows that failed or timed out", PoolStats::exhausted);
    counter(registry, "leaks", "objects lent past the leak threshold", PoolStats::leaksReported);
    gauge(
        registry, "reuse.ratio", "share of borrows served without creating", PoolStats::reuseRate);
    gauge(registry, "in.use", "objects lent now", PoolStats::inUse);
    gauge(registry, "idle", "pooled objects ready to lend", PoolStats::idle);
    gauge(registry, "max.size", "the current maximum of pooled objects", PoolStats::maxSize);
  }

  private void counter(
      MeterRegistry registry, String name, String help, ToDoubleFunction<PoolStats> figure) {
    FunctionCounter.builder("heapwise.pool." + name, pool, p -> figure.applyAsDouble(p.stats()))
        .description(help)
        .tags(tags)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String help, ToDoubleFunction<PoolStats> figure) {
    Gauge.builder("heapwise.pool." + name, pool, p -> figure.applyAsDouble(p.stats()))
        .description(help)
        .tags(tags)
        .register(registry);
  }
}
