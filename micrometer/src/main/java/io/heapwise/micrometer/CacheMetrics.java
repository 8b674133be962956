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
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 *
 * <p>A scrape reads every meter at once, and each {@link MemoryAwareCache#stats()} runs the cache's
 * pending maintenance first: so the meters share one snapshot, taken again once it is 100 ms old.
 */
public final class CacheMetrics implements MeterBinder {

  private static final System.Logger LOG = System.getLogger(CacheMetrics.class.getName());

  /** How long one snapshot serves the meters: far less than any scrape interval. */
  static final long SNAPSHOT_REUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final MemoryAwareCache<?, ?> cache;
  private final Tags tags;
  private final SharedSnapshot snapshot;

  /** Binds {@code cache}'s meters, tagged with its name and {@code extraTags}. */
  public CacheMetrics(MemoryAwareCache<?, ?> cache, Iterable<Tag> extraTags) {
    this(cache, extraTags, System::nanoTime);
  }

  /** With the clock that ages the shared snapshot; for tests. */
  CacheMetrics(MemoryAwareCache<?, ?> cache, Iterable<Tag> extraTags, LongSupplier nanoClock) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.tags = Tags.of("name", cache.config().name()).and(extraTags);
    this.snapshot = new SharedSnapshot(nanoClock);
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
    SharedSnapshot shared = snapshot; // not this: the meters must not hold the cache strongly
    FunctionCounter.builder(
            "heapwise.cache." + name, cache, c -> figure.applyAsDouble(shared.of(c)))
        .tags(tags.and(extra))
        .baseUnit(unit)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<CacheStats> figure) {
    SharedSnapshot shared = snapshot;
    Gauge.builder("heapwise.cache." + name, cache, c -> figure.applyAsDouble(shared.of(c)))
        .tags(tags)
        .baseUnit(unit)
        .register(registry);
  }

  /**
   * The snapshot the meters share. It holds no reference to the cache: Micrometer keeps a meter's
   * state object (the cache) only weakly, so that binding does not keep a dropped cache alive, and
   * a function that reached the cache through this binder would defeat that.
   */
  private static final class SharedSnapshot {
    private final LongSupplier nanoClock;
    private volatile Taken last;

    SharedSnapshot(LongSupplier nanoClock) {
      this.nanoClock = nanoClock;
    }

    /** The shared snapshot, or a new one when it is older than {@link #SNAPSHOT_REUSE_NANOS}. */
    CacheStats of(MemoryAwareCache<?, ?> cache) {
      long now = nanoClock.getAsLong();
      Taken seen = last;
      if (seen == null || now - seen.at() >= SNAPSHOT_REUSE_NANOS) {
        // Two meters racing here both take one; either snapshot is as good as the other.
        seen = new Taken(cache.stats(), now);
        last = seen;
      }
      return seen.stats();
    }
  }

  private record Taken(CacheStats stats, long at) {}
}
