package io.heapwise.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A cache whose budget is in bytes, that expires entries promptly, and that gives memory back when
 * the heap is under pressure. Built on Caffeine: {@code maximumWeight} holds the budget, a weigher
 * made of your {@link Sizer}s weighs each entry on write (no object-graph walk), a scheduler
 * expires entries even when nobody reads them.
 *
 * <pre>{@code
 * MemoryAwareCache<Long, ConsultationRecord> store = MemoryAwareCache.create(
 *     CacheConfig.builder("responses").maxBytes(32L << 20).ttl(Duration.ofHours(4)).build(),
 *     Sizers.boxed(), ConsultationRecord::retainedBytes);
 * }</pre>
 *
 * <p><b>Weight.</b> An entry weighs {@value #ENTRY_OVERHEAD_BYTES} bytes of Caffeine and map
 * bookkeeping (measured with JOL for this cache's features; see the README) plus its key's and
 * value's sizes. An entry heavier than {@code max-entry-bytes} is never cached: {@link #put}
 * returns {@link PutOutcome#REFUSED_TOO_LARGE} and counts it; writes through {@link #asMap()} throw
 * {@link EntryTooLargeException}.
 *
 * <p><b>Pressure.</b> As a {@link PressureListener}, the cache lowers its budget to {@code
 * elevated-budget} or {@code critical-budget} of the configured one when pressure rises, evicting
 * down to it (counted as {@link EvictionCause#PRESSURE}), and restores it at NORMAL.
 *
 * <p>Thread-safe. Eviction and expiry bookkeeping run on the calling threads and Caffeine's
 * scheduler thread, never on a pool of their own.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class MemoryAwareCache<K, V> implements PressureListener {

  /**
   * Bytes charged per entry besides key and value: Caffeine's node for a weighted cache with expiry
   * (about 56 bytes), its ConcurrentHashMap node (32) and table slot share (about 8-16).
   */
  public static final int ENTRY_OVERHEAD_BYTES = 104;

  private final CacheConfig config;
  private final Sizer<? super K> keySizer;
  private final Sizer<? super V> valueSizer;
  private final Cache<K, V> cache;
  private final Policy.Eviction<K, V> eviction;
  private volatile long currentBudget;
  private final LongAdder puts = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final Map<EvictionCause, LongAdder> evictions = new EnumMap<>(EvictionCause.class);
  private final Map<EvictionCause, LongAdder> evictedBytes = new EnumMap<>(EvictionCause.class);

  private MemoryAwareCache(
      CacheConfig config, Sizer<? super K> keySizer, Sizer<? super V> valueSizer) {
    this.config = config;
    this.keySizer = keySizer;
    this.valueSizer = valueSizer;
    this.currentBudget = config.maxBytes();
    for (EvictionCause cause : EvictionCause.values()) {
      evictions.put(cause, new LongAdder());
      evictedBytes.put(cause, new LongAdder());
    }
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder()
            .maximumWeight(config.maxBytes())
            .expireAfterWrite(config.ttl())
            .scheduler(Scheduler.systemScheduler())
            .executor(Runnable::run)
            .recordStats();
    if (!config.idleTtl().isZero()) {
      builder.expireAfterAccess(config.idleTtl());
    }
    this.cache =
        builder.<K, V>weigher(this::weigh).<K, V>evictionListener(this::onEviction).build();
    this.eviction = cache.policy().eviction().orElseThrow();
  }

  /**
   * Builds a cache.
   *
   * @param keySizer weighs keys
   * @param valueSizer weighs values
   * @throws NullPointerException if an argument is null
   */
  public static <K, V> MemoryAwareCache<K, V> create(
      CacheConfig config, Sizer<? super K> keySizer, Sizer<? super V> valueSizer) {
    return new MemoryAwareCache<>(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(keySizer, "keySizer"),
        Objects.requireNonNull(valueSizer, "valueSizer"));
  }

  private int weigh(K key, V value) {
    long weight = weightOf(key, value);
    if (weight > config.maxEntryBytes()) {
      throw new EntryTooLargeException(
          "cache '"
              + config.name()
              + "': entry for key "
              + key
              + " weighs "
              + weight
              + " bytes, more than max-entry-bytes "
              + config.maxEntryBytes(),
          value);
    }
    return (int) weight; // max-entry-bytes <= Integer.MAX_VALUE
  }

  private long weightOf(K key, V value) {
    long keyBytes = keySizer.sizeOf(key);
    long valueBytes = valueSizer.sizeOf(value);
    if (keyBytes < 0 || valueBytes < 0) {
      throw new IllegalArgumentException(
          "cache '"
              + config.name()
              + "': a sizer returned a negative size for key "
              + key
              + " (key "
              + keyBytes
              + ", value "
              + valueBytes
              + ")");
    }
    return ENTRY_OVERHEAD_BYTES + keyBytes + valueBytes;
  }

  private void onEviction(K key, V value, RemovalCause cause) {
    if (key == null || value == null) {
      return;
    }
    EvictionCause why;
    if (cause == RemovalCause.EXPIRED) {
      why = EvictionCause.EXPIRED;
    } else if (currentBudget < config.maxBytes()) {
      why = EvictionCause.PRESSURE;
    } else {
      why = EvictionCause.SIZE;
    }
    evictions.get(why).increment();
    evictedBytes.get(why).add(weightOf(key, value));
  }

  /** Returns the value of {@code key}, or null. */
  public V getIfPresent(K key) {
    return cache.getIfPresent(key);
  }

  /**
   * Returns the value of {@code key}, loading and caching it if absent (one load per key at a
   * time). A loaded value too large to cache is returned all the same, and counted as refused.
   */
  @SuppressWarnings("unchecked")
  public V get(K key, Function<? super K, ? extends V> loader) {
    try {
      return cache.get(key, loader);
    } catch (EntryTooLargeException e) {
      refused.increment();
      return (V) e.value();
    }
  }

  /**
   * Caches {@code value} under {@code key}, replacing any previous value.
   *
   * @return {@link PutOutcome#STORED}, or {@link PutOutcome#REFUSED_TOO_LARGE} (counted) when the
   *     entry is heavier than {@code max-entry-bytes}; the previous value then stays
   */
  public PutOutcome put(K key, V value) {
    try {
      cache.put(key, value);
      puts.increment();
      return PutOutcome.STORED;
    } catch (EntryTooLargeException e) {
      refused.increment();
      return PutOutcome.REFUSED_TOO_LARGE;
    }
  }

  /**
   * Caches every entry of {@code entries}, each as {@link #put} would.
   *
   * @return how many were refused as too large
   */
  public int putAll(Map<? extends K, ? extends V> entries) {
    int refusedHere = 0;
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      if (put(entry.getKey(), entry.getValue()) == PutOutcome.REFUSED_TOO_LARGE) {
        refusedHere++;
      }
    }
    return refusedHere;
  }

  /** Removes {@code key}. */
  public void invalidate(K key) {
    cache.invalidate(key);
  }

  /** Removes every entry. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /**
   * A live {@link ConcurrentMap} view that honours the Map and ConcurrentMap contracts; a write of
   * an entry heavier than {@code max-entry-bytes} throws {@link EntryTooLargeException} and changes
   * nothing.
   */
  public ConcurrentMap<K, V> asMap() {
    return cache.asMap();
  }

  /** What the entries weigh now, in bytes. */
  public long estimatedBytes() {
    return eviction.weightedSize().orElse(0);
  }

  /** The budget in force now, in bytes: the configured one, or less under memory pressure. */
  public long budget() {
    return currentBudget;
  }

  /** The configuration the cache was built with. */
  public CacheConfig config() {
    return config;
  }

  /**
   * Lowers the budget as pressure rises, to the configured share of the configured budget or of
   * what the cache holds now, whichever is smaller; restores it at NORMAL.
   */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    double share =
        switch (current) {
          case NORMAL -> 1.0;
          case ELEVATED -> config.elevatedBudget();
          case CRITICAL -> config.criticalBudget();
        };
    long budget = (long) (config.maxBytes() * share);
    if (current != MemoryPressure.NORMAL) {
      // A budget larger than what the heap can hold must still give memory back: shrink from
      // what the cache holds now, not only from the configured figure.
      budget = Math.min(budget, (long) (estimatedBytes() * share));
    }
    budget = Math.max(1, budget);
    currentBudget = budget;
    eviction.setMaximum(budget); // Caffeine evicts down to it now, on this thread
  }

  /** Performs pending maintenance (expiry, eviction) now; useful before reading stats. */
  public void cleanUp() {
    cache.cleanUp();
  }

  /** A snapshot of the counters and size. */
  public CacheStats stats() {
    com.github.benmanes.caffeine.cache.stats.CacheStats caffeine = cache.stats();
    Map<EvictionCause, Long> counts = new EnumMap<>(EvictionCause.class);
    Map<EvictionCause, Long> bytes = new EnumMap<>(EvictionCause.class);
    evictions.forEach((cause, adder) -> counts.put(cause, adder.sum()));
    evictedBytes.forEach((cause, adder) -> bytes.put(cause, adder.sum()));
    return new CacheStats(
        config.name(),
        caffeine.hitCount(),
        caffeine.missCount(),
        puts.sum(),
        refused.sum(),
        counts,
        bytes,
        cache.estimatedSize(),
        estimatedBytes(),
        currentBudget,
        config.maxBytes());
  }

  @Override
  public String toString() {
    return "MemoryAwareCache["
        + config.name()
        + ", "
        + estimatedBytes()
        + "/"
        + currentBudget
        + " bytes]";
  }
}
