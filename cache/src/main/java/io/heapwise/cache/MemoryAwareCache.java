package io.heapwise.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import io.heapwise.core.jmx.JmxRegistration;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.management.ObjectName;

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
 * <p><b>Failures.</b> Null keys and values are refused with a {@link NullPointerException} that
 * says which. A loader that throws propagates its exception and caches nothing (counted as a load
 * failure); a loader that returns null caches nothing. A sizer that throws or returns a negative
 * size fails that write with a {@link SizingException} naming the cache and key; the cache keeps
 * what it held before.
 *
 * <p><b>Budget.</b> The budget at NORMAL pressure is {@code max-bytes}, capped at {@code heap-cap}
 * (default 75%) of max heap with a warning: a budget the heap cannot hold fills it faster than any
 * collection can report pressure.
 *
 * <p><b>Pressure.</b> As a {@link PressureListener}, the cache gives up {@code pressure-shrink}
 * (ELEVATED) or {@code critical-shrink} (CRITICAL) of its budget per pressure signal, counted from
 * what it holds when that is less than the budget, never below {@code min-bytes}. It evicts down to
 * the new budget at once, on the publishing thread, in steps of at most a tenth of what it held, so
 * that no caller waits long on Caffeine's eviction lock; these evictions count as {@link
 * EvictionCause#PRESSURE}. After {@code recovery-samples} NORMAL signals in a row the budget grows
 * back by {@code recovery-step} of the configured budget per further NORMAL signal. Pressure
 * sources only report level changes, so while the level is NORMAL and the budget short the cache
 * counts one NORMAL signal per {@code recovery-interval} by itself; {@link #onPressureSample} feeds
 * signals from a source that reports every sample.
 *
 * <p>Thread-safe. Caffeine's maintenance (replaying reads and writes into its eviction policy,
 * evicting, expiring) runs on {@link ForkJoinPool#commonPool()}, as Caffeine does by default, so
 * readers and writers do not pay for it; a writer that outruns it helps drain, as Caffeine
 * arranges. Pressure shrinks, {@link #setBudget}, {@link #cleanUp()}, {@link #stats()} and {@link
 * #estimatedBytes()} run pending maintenance on the calling thread.
 *
 * <p><b>Expiry</b> is timed with a clock that a daemon thread ({@code heapwise-cache-clock-*}, one
 * per resolution, stopped while no cache reads it) advances, so that a hit costs no {@code
 * System.nanoTime()} call. Its resolution is a thousandth of the shorter of ttl and idle-ttl,
 * rounded down to 10 ms or 100 ms, or 1 ms for expiries under 10 s (100 ms for the default 4 h): a
 * read finds an entry expired within that of its TTL (later when the machine is saturated), and
 * Caffeine's scheduler removes expired entries nobody reads, paced at about a second.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class MemoryAwareCache<K, V> implements PressureListener, AutoCloseable {

  /**
   * Bytes charged per entry besides key and value: Caffeine's node for a weighted cache with expiry
   * (about 56 bytes), its ConcurrentHashMap node (32) and table slot share (about 8-16).
   */
  public static final int ENTRY_OVERHEAD_BYTES = 104;

  private static final int MAX_KEY_TEXT = 80;

  private static final System.Logger LOG = System.getLogger(MemoryAwareCache.class.getName());

  private final CacheConfig config;
  private final Sizer<? super K> keySizer;
  private final Sizer<? super V> valueSizer;
  private final Cache<K, V> cache;
  // Caffeine's asMap().get is its getIfPresent without the stats call: getIfPresent counts its own
  // hits and misses, straight into a LongAdder, and with record-stats off does not count at all.
  private final ConcurrentMap<K, V> map;
  private final boolean recordStats;
  private final Policy.Eviction<K, V> eviction;
  private final Counters counters;
  private final LongAdder puts = new LongAdder();
  private final LongAdder refused = new LongAdder();

  private final CacheBudget budget;
  private final JmxRegistration jmx; // null unless config.jmx()
  private final CoarseTicker clock;

  private MemoryAwareCache(
      CacheConfig config,
      Sizer<? super K> keySizer,
      Sizer<? super V> valueSizer,
      RemovalListener<? super K, ? super V> listener) {
    this.config = config;
    this.keySizer = keySizer;
    this.valueSizer = valueSizer;
    long ceiling = ceilingOf(config, Runtime.getRuntime().maxMemory());
    this.clock = CoarseTicker.forShortestExpiry(shortestExpiry(config));
    this.counters = new Counters(config.recordStats());
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder()
            .maximumWeight(ceiling)
            .expireAfterWrite(config.ttl())
            .ticker(clock)
            .scheduler(Scheduler.systemScheduler())
            // Caffeine's default, named because it matters: run inline (Runnable::run, as before)
            // it made every write, and every read that filled a read buffer, replay Caffeine's
            // buffers on the caller's thread, which cost more than the read or write itself. Only
            // the common pool itself (not a wrapper) gets Caffeine's prompt re-run of maintenance
            // that writes outran; any other executor leaves that work for the next operation.
            .executor(ForkJoinPool.commonPool())
            // Always on: evictions by cause are counted even when record-stats is off; the
            // counter skips hits, misses and loads then.
            .recordStats(() -> counters);
    if (!config.idleTtl().isZero()) {
      builder.expireAfterAccess(config.idleTtl());
    }
    Caffeine<K, V> weighed = builder.<K, V>weigher(this::weigh);
    if (listener != null) {
      // Evictions are told synchronously, on the evicting thread under Caffeine's eviction lock:
      // during a pressure shrink that is the shrinking thread, so causeOf can tell PRESSURE from
      // SIZE. Caffeine's removal listener runs on the executor, later, on another thread, so it
      // only carries what is not an eviction (EXPLICIT, REPLACED).
      weighed =
          weighed
              .evictionListener(
                  (K key, V value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (key != null && value != null) {
                      listener.onRemoval(key, value, causeOf(cause));
                    }
                  })
              .removalListener(
                  (K key, V value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (key != null && value != null && !cause.wasEvicted()) {
                      listener.onRemoval(key, value, causeOf(cause));
                    }
                  });
    }
    this.cache = weighed.build();
    this.map = cache.asMap();
    this.recordStats = config.recordStats();
    this.eviction = cache.policy().eviction().orElseThrow();
    // Before anything can evict or read the budget: the eviction callbacks (causeOf, Counters) and
    // the MXBean use it. The cache is empty and unshared until this constructor returns.
    this.budget =
        new CacheBudget(
            config,
            ceiling,
            cache,
            counters.evictions.get(EvictionCause.PRESSURE)::sum,
            counters.evictedBytes.get(EvictionCause.PRESSURE)::sum);
    this.jmx =
        config.jmx() ? JmxRegistration.register(new CacheJmx(this), "Cache", config.name()) : null;
  }

  /** The clock Caffeine times expiry with; for tests. */
  CoarseTicker clock() {
    return clock;
  }

  /** The shorter of ttl and, when set, idle-ttl: what the expiry clock must resolve. */
  static Duration shortestExpiry(CacheConfig config) {
    Duration idle = config.idleTtl();
    return idle.isZero() || idle.compareTo(config.ttl()) >= 0 ? config.ttl() : idle;
  }

  static long ceilingOf(CacheConfig config, long maxHeapBytes) {
    long cap = (long) (maxHeapBytes * config.heapCap());
    if (config.maxBytes() <= cap) {
      return config.maxBytes();
    }
    LOG.log(
        System.Logger.Level.WARNING,
        () ->
            "cache '"
                + config.name()
                + "': max-bytes "
                + config.maxBytes()
                + " exceeds heap-cap "
                + config.heapCap()
                + " of max heap ("
                + maxHeapBytes
                + " bytes); capped at "
                + cap
                + " bytes");
    return cap;
  }

  /** The ObjectName a cache called {@code name} registers its {@link CacheMXBean} under. */
  public static ObjectName objectName(String name) {
    return JmxRegistration.objectName("Cache", name);
  }

  /**
   * Unregisters the cache's {@link CacheMXBean} (when {@code jmx=true}) and stops its recovery
   * timer. The cache keeps working; only its JMX view is gone. Idempotent.
   */
  @Override
  public void close() {
    budget.close();
    if (jmx != null) {
      jmx.close();
    }
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
        Objects.requireNonNull(valueSizer, "valueSizer"),
        null);
  }

  /**
   * Builds a cache that tells {@code listener} of every removal with its cause; see {@link
   * RemovalListener} for where it runs and why it must not write into this cache.
   *
   * @throws NullPointerException if an argument is null
   */
  public static <K, V> MemoryAwareCache<K, V> create(
      CacheConfig config,
      Sizer<? super K> keySizer,
      Sizer<? super V> valueSizer,
      RemovalListener<? super K, ? super V> listener) {
    return new MemoryAwareCache<>(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(keySizer, "keySizer"),
        Objects.requireNonNull(valueSizer, "valueSizer"),
        Objects.requireNonNull(listener, "listener"));
  }

  private RemovalCause causeOf(com.github.benmanes.caffeine.cache.RemovalCause cause) {
    return switch (cause) {
      case EXPLICIT -> RemovalCause.EXPLICIT;
      case REPLACED -> RemovalCause.REPLACED;
      case EXPIRED, COLLECTED -> RemovalCause.EXPIRED; // COLLECTED: no weak or soft references here
      // Evicted on the thread lowering the budget for pressure (see CacheBudget#shrinkingThread).
      case SIZE -> this.budget.isShrinkingThread() ? RemovalCause.PRESSURE : RemovalCause.SIZE;
    };
  }

  private int weigh(K key, V value) {
    long weight = weightOf(key, value);
    if (weight > config.maxEntryBytes()) {
      throw new EntryTooLargeException(
          "cache '"
              + config.name()
              + "': entry for key "
              + describe(key)
              + " weighs "
              + weight
              + " bytes, more than max-entry-bytes "
              + config.maxEntryBytes(),
          value);
    }
    return (int) weight; // max-entry-bytes <= Integer.MAX_VALUE
  }

  private long weightOf(K key, V value) {
    long keyBytes;
    long valueBytes;
    try {
      keyBytes = keySizer.sizeOf(key);
      valueBytes = valueSizer.sizeOf(value);
    } catch (RuntimeException e) {
      throw new SizingException(
          "cache '"
              + config.name()
              + "': a sizer threw on the entry for key "
              + describe(key)
              + "; nothing was written: "
              + e,
          e);
    }
    if (keyBytes < 0 || valueBytes < 0) {
      throw new SizingException(
          "cache '"
              + config.name()
              + "': a sizer returned a negative size for key "
              + describe(key)
              + " (key "
              + keyBytes
              + ", value "
              + valueBytes
              + "; expected 0 or more); nothing was written",
          null);
    }
    return ENTRY_OVERHEAD_BYTES + keyBytes + valueBytes;
  }

  private static String describe(Object key) {
    String text = String.valueOf(key);
    return text.length() <= MAX_KEY_TEXT ? text : text.substring(0, MAX_KEY_TEXT) + "...";
  }

  private K requireKey(K key) {
    if (key == null) {
      throw new NullPointerException("cache '" + config.name() + "': key must not be null");
    }
    return key;
  }

  private void requireValue(V value, K key) {
    if (value == null) {
      throw new NullPointerException(
          "cache '" + config.name() + "': value for key " + describe(key) + " must not be null");
    }
  }

  /**
   * Returns the value of {@code key}, or null.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public V getIfPresent(K key) {
    V value = map.get(requireKey(key));
    if (recordStats) {
      if (value != null) {
        counters.hits.increment();
      } else {
        counters.misses.increment();
      }
    }
    return value;
  }

  /**
   * Returns the value of {@code key}, loading and caching it if absent (one load per key at a
   * time). A loaded value too large to cache is returned all the same, and counted as refused. A
   * loader that throws propagates its exception and caches nothing; one that returns null caches
   * nothing and null is returned.
   *
   * @throws NullPointerException if {@code key} or {@code loader} is null
   * @throws SizingException if a sizer fails on the loaded value (which is then not cached)
   */
  @SuppressWarnings("unchecked")
  public V get(K key, Function<? super K, ? extends V> loader) {
    requireKey(key);
    if (loader == null) {
      throw new NullPointerException("cache '" + config.name() + "': loader must not be null");
    }
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
   * @throws NullPointerException if {@code key} or {@code value} is null
   * @throws SizingException if a sizer fails; the previous value then stays
   */
  public PutOutcome put(K key, V value) {
    requireKey(key);
    requireValue(value, key);
    try {
      cache.put(key, value);
      if (recordStats) {
        puts.increment();
      }
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
   * @throws NullPointerException if a key or value is null (entries before it are cached)
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

  /**
   * Removes {@code key}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public void invalidate(K key) {
    cache.invalidate(requireKey(key));
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

  /**
   * What the entries weigh now, in bytes. Runs pending maintenance first: Caffeine adds a write's
   * weight when its maintenance replays the write, which runs off the writer's thread, so without
   * it a write that already returned could be missing from the figure.
   */
  public long estimatedBytes() {
    cache.cleanUp();
    return weightedSize();
  }

  private long weightedSize() {
    return eviction.weightedSize().orElse(0);
  }

  /** The budget in force now, in bytes: the configured one, or less under memory pressure. */
  public long budget() {
    return budget.current();
  }

  /** The configured budget: {@code max-bytes}, capped at {@code heap-cap} of max heap. */
  long configuredBudget() {
    return budget.configured();
  }

  /** Caffeine's estimate of the entries held, without running maintenance first. */
  long estimatedEntries() {
    return cache.estimatedSize();
  }

  /** The configuration the cache was built with. */
  public CacheConfig config() {
    return config;
  }

  /**
   * A pressure level change from a {@link io.heapwise.core.PressureSource}: a rise to ELEVATED or
   * CRITICAL is one pressure signal (the budget shrinks), a return to NORMAL one NORMAL signal, a
   * fall from CRITICAL to ELEVATED holds the budget where it is.
   */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    budget.onPressureChange(previous, current);
  }

  /**
   * One pressure reading, for sources that report every sample rather than only changes: ELEVATED
   * and CRITICAL shrink the budget by {@code pressure-shrink} or {@code critical-shrink}, NORMAL
   * counts towards recovery. Runs the shrink on the calling thread, in bounded steps.
   *
   * @throws NullPointerException if {@code pressure} is null
   */
  public void onPressureSample(MemoryPressure pressure) {
    budget.onPressureSample(Objects.requireNonNull(pressure, "pressure"));
  }

  /**
   * Sets the budget in force now, evicting down to it at once in bounded steps on the calling
   * thread (counted as SIZE evictions). Pressure signals and recovery carry on from it: NORMAL
   * signals grow it back towards the configured budget. Also a {@link CacheMXBean} operation.
   *
   * @throws IllegalArgumentException if {@code bytes} is not between 0 and the configured budget
   *     ({@code max-bytes}, capped at {@code heap-cap} of max heap)
   */
  public void setBudget(long bytes) {
    budget.set(bytes);
  }

  /** Restores the configured budget ({@code max-bytes}, capped at {@code heap-cap}) at once. */
  public void resetBudget() {
    budget.set(budget.configured());
  }

  /** Performs pending maintenance (expiry, eviction) now; useful before reading stats. */
  public void cleanUp() {
    cache.cleanUp();
  }

  /**
   * A snapshot of the counters and size, after running pending maintenance so that evictions and
   * weight include every write that has returned.
   */
  public CacheStats stats() {
    cache.cleanUp();
    Map<EvictionCause, Long> counts = new EnumMap<>(EvictionCause.class);
    Map<EvictionCause, Long> bytes = new EnumMap<>(EvictionCause.class);
    for (EvictionCause cause : EvictionCause.values()) {
      counts.put(cause, counters.evictions.get(cause).sum());
      bytes.put(cause, counters.evictedBytes.get(cause).sum());
    }
    long loadFailures = counters.loadFailures.sum();
    return new CacheStats(
        config.name(),
        counters.hits.sum(),
        counters.misses.sum(),
        puts.sum(),
        refused.sum(),
        counts,
        bytes,
        cache.estimatedSize(),
        weightedSize(),
        budget.current(),
        budget.configured(),
        counters.loadSuccesses.sum() + loadFailures,
        loadFailures);
  }

  @Override
  public String toString() {
    return "MemoryAwareCache["
        + config.name()
        + ", "
        + weightedSize()
        + "/"
        + budget.current()
        + " bytes]";
  }

  /**
   * Caffeine's stats hook: it hands each eviction's weight and cause over, so evicted bytes are
   * counted without weighing the entry again. LongAdders: no allocation once warmed up, no
   * contention between reader threads.
   */
  private final class Counters implements StatsCounter {
    private final boolean recordReads;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loadSuccesses = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final Map<EvictionCause, LongAdder> evictions = adders();
    final Map<EvictionCause, LongAdder> evictedBytes = adders();

    Counters(boolean recordReads) {
      this.recordReads = recordReads;
    }

    private static Map<EvictionCause, LongAdder> adders() {
      Map<EvictionCause, LongAdder> adders = new EnumMap<>(EvictionCause.class);
      for (EvictionCause cause : EvictionCause.values()) {
        adders.put(cause, new LongAdder());
      }
      return adders;
    }

    private long total(Map<EvictionCause, LongAdder> adders) {
      long sum = 0;
      for (LongAdder adder : adders.values()) {
        sum += adder.sum();
      }
      return sum;
    }

    @Override
    public void recordHits(int count) {
      if (recordReads) {
        hits.add(count);
      }
    }

    @Override
    public void recordMisses(int count) {
      if (recordReads) {
        misses.add(count);
      }
    }

    @Override
    public void recordLoadSuccess(long loadTime) {
      if (recordReads) {
        loadSuccesses.increment();
      }
    }

    @Override
    public void recordLoadFailure(long loadTime) {
      if (recordReads) {
        loadFailures.increment();
      }
    }

    @Override
    public void recordEviction(int weight, com.github.benmanes.caffeine.cache.RemovalCause cause) {
      EvictionCause why;
      if (cause == com.github.benmanes.caffeine.cache.RemovalCause.EXPIRED) {
        why = EvictionCause.EXPIRED;
      } else if (budget.isShrinkingThread()) {
        why = EvictionCause.PRESSURE;
      } else {
        why = EvictionCause.SIZE;
      }
      evictions.get(why).increment();
      evictedBytes.get(why).add(weight);
    }

    @Override
    public com.github.benmanes.caffeine.cache.stats.CacheStats snapshot() {
      return com.github.benmanes.caffeine.cache.stats.CacheStats.of(
          hits.sum(),
          misses.sum(),
          loadSuccesses.sum(),
          loadFailures.sum(),
          0,
          total(evictions),
          total(evictedBytes));
    }
  }
}
