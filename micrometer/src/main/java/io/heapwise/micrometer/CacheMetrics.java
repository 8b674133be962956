package io.heapwise.micrometer;

import io.heapwise.cache.CacheStats;
import io.heapwise.cache.EvictionCause;
import io.heapwise.cache.MemoryAwareCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Meters of a {@link MemoryAwareCache}, with what Micrometer's own CaffeineCacheMetrics lacks:
 * {@code heapwise.cache.gets} ({@code result} = hit | miss), {@code .puts}, {@code .puts.refused},
 * {@code heapwise.cache.evictions} and {@code .evicted.bytes} by {@code cause} (size | pressure |
 * expired); gauges {@code .size} (entries), {@code .estimated.bytes}, {@code .budget.bytes} and
 * {@code .configured.budget.bytes}. Tagged {@code name}.
 *
 * <p>{@code gets} and {@code puts} count only in a cache with {@code record-stats} on (off by
 * default, as in Caffeine); binding a cache without it logs a warning, as Micrometer does for a
 * Caffeine cache without {@code recordStats()}, and those two meters stay at 0.
 */
public final class CacheMetrics implements MeterBinder {

  private static final System.Logger LOG = System.getLogger(CacheMetrics.class.getName());

  private final MemoryAwareCache<?, ?> cache;
  private final Tags tags;

  /** Binds {@code cache}'s meters, tagged with its name and {@code extraTags}. */
  public CacheMetrics(MemoryAwareCache<?, ?> cache, Iterable<Tag> extraTags) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.tags = Tags.of("name", cache.config().name()).and(extraTags);
  }

  /** Binds {@code cache}'s meters, tagged with its name. */
  public CacheMetrics(MemoryAwareCache<?, ?> cache) {
    this(cache, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (!cache.config().recordStats()) {
      LOG.log(
          System.Logger.Level.WARNING,
          () ->
              "cache '"
                  + cache.config().name()
                  + "' does not record stats (record-stats=false): heapwise.cache.gets and"
                  + " heapwise.cache.puts will stay at 0");
    }
    counter(registry, "gets", Tags.of("result", "hit"), null, CacheStats::hits);
    counter(registry, "gets", Tags.of("result", "miss"), null, CacheStats::misses);
    counter(registry, "puts", Tags.empty(), null, CacheStats::puts);
    counter(registry, "puts.refused", Tags.empty(), null, CacheStats::refused);
    for (EvictionCause cause : EvictionCause.values()) {
      Tags causeTag = Tags.of("cause", cause.name().toLowerCase(Locale.ROOT));
      counter(registry, "evictions", causeTag, null, s -> s.evictions(cause));
      counter(registry, "evicted.bytes", causeTag, BaseUnits.BYTES, s -> s.evictedBytes(cause));
    }
    gauge(registry, "size", null, CacheStats::entries);
    gauge(registry, "estimated.bytes", BaseUnits.BYTES, CacheStats::estimatedBytes);
    gauge(registry, "budget.bytes", BaseUnits.BYTES, CacheStats::currentBudget);
    gauge(registry, "configured.budget.bytes", BaseUnits.BYTES, CacheStats::configuredBudget);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      Tags extra,
      String unit,
      ToDoubleFunction<CacheStats> figure) {
    FunctionCounter.builder("heapwise.cache." + name, cache, c -> figure.applyAsDouble(c.stats()))
        .tags(tags.and(extra))
        .baseUnit(unit)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<CacheStats> figure) {
    Gauge.builder("heapwise.cache." + name, cache, c -> figure.applyAsDouble(c.stats()))
        .tags(tags)
        .baseUnit(unit)
        .register(registry);
  }
}
