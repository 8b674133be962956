package io.heapwise.cache;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;

/**
 * A cache's byte budget, expiry and pressure response. Immutable; build one with {@link
 * #builder(String)} or read it from {@code heapwise.cache.<name>.*} with {@link #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.cache.<name>.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code max-bytes}</td><td>10%</td><td>budget: a size ({@code 64MiB}) or a share of max heap ({@code 25%})</td></tr>
 *   <tr><td>{@code heap-cap}</td><td>75%</td><td>the budget in force never exceeds this share of max heap: a larger {@code max-bytes} is capped (with a warning), since no pressure signal can arrive in time when writers fill a heap faster than a collection reports it</td></tr>
 *   <tr><td>{@code max-entry-bytes}</td><td>10% of the budget</td><td>larger entries are refused</td></tr>
 *   <tr><td>{@code ttl}</td><td>4h</td><td>expire after write</td></tr>
 *   <tr><td>{@code idle-ttl}</td><td>(off)</td><td>expire after last access</td></tr>
 *   <tr><td>{@code pressure-shrink}</td><td>20%</td><td>share of the budget given up per ELEVATED signal</td></tr>
 *   <tr><td>{@code critical-shrink}</td><td>50%</td><td>share of the budget given up per CRITICAL signal</td></tr>
 *   <tr><td>{@code min-bytes}</td><td>0</td><td>the budget never shrinks below this</td></tr>
 *   <tr><td>{@code recovery-samples}</td><td>3</td><td>NORMAL signals in a row before the budget grows back</td></tr>
 *   <tr><td>{@code recovery-step}</td><td>5%</td><td>share of the configured budget regained per NORMAL signal after that</td></tr>
 *   <tr><td>{@code recovery-interval}</td><td>1s</td><td>while NORMAL and below budget, the cache counts one NORMAL signal per interval by itself (0: only signals it is given)</td></tr>
 *   <tr><td>{@code record-stats}</td><td>false</td><td>count hits, misses, loads and puts; off by default, as in Caffeine, since counting costs reads roughly 10-20% of their throughput in the project's runs (refused puts and evictions are counted either way)</td></tr>
 *   <tr><td>{@code jmx}</td><td>false</td><td>register a {@link CacheMXBean} as {@code io.heapwise:type=Cache,name=<name>}</td></tr>
 * </table>
 */
public final class CacheConfig {

  private final String name;
  private final long maxBytes;
  private final long maxEntryBytes;
  private final Duration ttl;
  private final Duration idleTtl;
  private final double pressureShrink;
  private final double criticalShrink;
  private final long minBytes;
  private final int recoverySamples;
  private final double recoveryStep;
  private final Duration recoveryInterval;
  private final boolean recordStats;
  private final double heapCap;
  private final boolean jmx;

  private CacheConfig(Builder builder) {
    this.name = builder.name;
    this.maxBytes = builder.maxBytes;
    this.maxEntryBytes =
        builder.maxEntryBytes > 0
            ? builder.maxEntryBytes
            : Math.min(Integer.MAX_VALUE, Math.max(1, builder.maxBytes / 10));
    this.ttl = builder.ttl;
    this.idleTtl = builder.idleTtl;
    this.pressureShrink = builder.pressureShrink;
    this.criticalShrink = builder.criticalShrink;
    this.minBytes = builder.minBytes;
    this.recoverySamples = builder.recoverySamples;
    this.recoveryStep = builder.recoveryStep;
    this.recoveryInterval = builder.recoveryInterval;
    this.recordStats = builder.recordStats;
    this.heapCap = builder.heapCap;
    this.jmx = builder.jmx;
  }

  /**
   * Starts a config for the cache called {@code name}.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads {@code heapwise.cache.<name>.*}; every bad value and unknown key is reported at once.
   *
   * @throws io.heapwise.core.config.ConfigException listing every problem of the section
   */
  public static CacheConfig fromSettings(Settings settings, String name) {
    return settings.read("heapwise.cache." + name + ".", section -> read(section, name));
  }

  private static CacheConfig read(SectionReader section, String name) {
    Builder builder = builder(name);
    builder.maxBytes(
        section.byteSizeOrHeapShare("max-bytes", Math.max(1, section.maxHeapBytes() / 10)));
    section
        .optionalByteSize("max-entry-bytes")
        .ifPresent(
            bytes -> {
              if (bytes < 1 || bytes > Math.min(builder.maxBytes, Integer.MAX_VALUE)) {
                section.reject(
                    "max-entry-bytes",
                    "must be between 1 byte and the budget (" + builder.maxBytes + " bytes)");
              } else {
                builder.maxEntryBytes(bytes);
              }
            });
    builder.ttl(
        section.duration("ttl", Duration.ofHours(4), Duration.ofMillis(1), Duration.ofDays(365)));
    section.optionalDuration("idle-ttl").ifPresent(builder::idleTtl);
    builder.pressureShrink(
        section.fraction("pressure-shrink", DEFAULT_PRESSURE_SHRINK, 0.001, 1.0),
        section.fraction("critical-shrink", DEFAULT_CRITICAL_SHRINK, 0.001, 1.0));
    long minBytes = section.byteSize("min-bytes", 0, 0, Long.MAX_VALUE);
    if (minBytes > builder.maxBytes) {
      section.reject(
          "min-bytes",
          "must not exceed max-bytes (" + builder.maxBytes + " bytes), was " + minBytes);
    } else {
      builder.minBytes(minBytes);
    }
    builder.recovery(
        section.intValue("recovery-samples", DEFAULT_RECOVERY_SAMPLES, 1, 1_000_000),
        section.fraction("recovery-step", DEFAULT_RECOVERY_STEP, 0.001, 1.0));
    builder.recoveryInterval(
        section.duration(
            "recovery-interval", Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(1)));
    builder.heapCap(section.fraction("heap-cap", DEFAULT_HEAP_CAP, 0.01, 1.0));
    builder.recordStats(section.booleanValue("record-stats", false));
    builder.jmx(section.booleanValue("jmx", false));
    return builder.build();
  }

  static final double DEFAULT_PRESSURE_SHRINK = 0.2;
  static final double DEFAULT_CRITICAL_SHRINK = 0.5;
  static final int DEFAULT_RECOVERY_SAMPLES = 3;
  static final double DEFAULT_RECOVERY_STEP = 0.05;
  static final double DEFAULT_HEAP_CAP = 0.75;

  public String name() {
    return name;
  }

  /** The budget in bytes at NORMAL pressure. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The largest entry (key, value and overhead) the cache accepts. */
  public long maxEntryBytes() {
    return maxEntryBytes;
  }

  public Duration ttl() {
    return ttl;
  }

  /** Expiry after last access; zero when off. */
  public Duration idleTtl() {
    return idleTtl;
  }

  /** Share of the budget given up per ELEVATED signal. */
  public double pressureShrink() {
    return pressureShrink;
  }

  /** Share of the budget given up per CRITICAL signal. */
  public double criticalShrink() {
    return criticalShrink;
  }

  /** The budget never shrinks below this many bytes. */
  public long minBytes() {
    return minBytes;
  }

  /** NORMAL signals in a row before the budget starts to grow back. */
  public int recoverySamples() {
    return recoverySamples;
  }

  /** Share of the configured budget regained per NORMAL signal once recovery has started. */
  public double recoveryStep() {
    return recoveryStep;
  }

  /**
   * How often the cache counts a NORMAL signal by itself while the level is NORMAL and the budget
   * is below the configured one; zero when it only counts signals it is given.
   */
  public Duration recoveryInterval() {
    return recoveryInterval;
  }

  /** Whether hits, misses, loads and puts are counted. */
  public boolean recordStats() {
    return recordStats;
  }

  /**
   * Returns the share of max heap the budget in force may reach at most; see {@link
   * Builder#heapCap(double)}.
   *
   * @return heap-cap, in (0, 1]
   */
  public double heapCap() {
    return heapCap;
  }

  /** Whether the cache registers its {@link CacheMXBean} on the platform MBean server. */
  public boolean jmx() {
    return jmx;
  }

  @Override
  public String toString() {
    return "CacheConfig["
        + name
        + ": max-bytes="
        + maxBytes
        + ", max-entry-bytes="
        + maxEntryBytes
        + ", ttl="
        + ttl
        + ", idle-ttl="
        + idleTtl
        + ", pressure-shrink="
        + pressureShrink
        + ", critical-shrink="
        + criticalShrink
        + ", min-bytes="
        + minBytes
        + ", recovery-samples="
        + recoverySamples
        + ", recovery-step="
        + recoveryStep
        + ", recovery-interval="
        + recoveryInterval
        + ", heap-cap="
        + heapCap
        + ", record-stats="
        + recordStats
        + ", jmx="
        + jmx
        + "]";
  }

  /** Builds a {@link CacheConfig}; each setter validates its argument at once. */
  public static final class Builder {
    private final String name;
    private long maxBytes = 64L << 20;
    private long maxEntryBytes;
    private Duration ttl = Duration.ofHours(4);
    private Duration idleTtl = Duration.ZERO;
    private double pressureShrink = DEFAULT_PRESSURE_SHRINK;
    private double criticalShrink = DEFAULT_CRITICAL_SHRINK;
    private long minBytes;
    private int recoverySamples = DEFAULT_RECOVERY_SAMPLES;
    private double recoveryStep = DEFAULT_RECOVERY_STEP;
    private Duration recoveryInterval = Duration.ofSeconds(1);
    private boolean recordStats;
    private double heapCap = DEFAULT_HEAP_CAP;
    private boolean jmx;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("cache name must not be blank, was '" + name + "'");
      }
      this.name = name;
    }

    private IllegalArgumentException bad(String key, String expectation, Object was) {
      return new IllegalArgumentException(
          "cache '" + name + "': " + key + " must " + expectation + ", was " + was);
    }

    /** The budget in bytes; at least 1. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw bad("max-bytes", "be at least 1", maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * The largest entry accepted; defaults to a tenth of the budget. Checked against it at build.
     */
    public Builder maxEntryBytes(long maxEntryBytes) {
      if (maxEntryBytes < 1 || maxEntryBytes > Integer.MAX_VALUE) {
        throw bad("max-entry-bytes", "be in 1.." + Integer.MAX_VALUE, maxEntryBytes);
      }
      this.maxEntryBytes = maxEntryBytes;
      return this;
    }

    /** Expire entries this long after they were written; positive. */
    public Builder ttl(Duration ttl) {
      if (ttl == null || ttl.isZero() || ttl.isNegative()) {
        throw bad("ttl", "be positive", ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** Expire entries this long after their last access; zero turns it off (the default). */
    public Builder idleTtl(Duration idleTtl) {
      if (idleTtl == null || idleTtl.isNegative()) {
        throw bad("idle-ttl", "be zero or more", idleTtl);
      }
      this.idleTtl = idleTtl;
      return this;
    }

    /**
     * Shares of the budget given up per ELEVATED ({@code pressure-shrink}, default 0.2) and per
     * CRITICAL ({@code critical-shrink}, default 0.5) signal; each in (0, 1].
     */
    public Builder pressureShrink(double elevated, double critical) {
      if (!(elevated > 0 && elevated <= 1)) {
        throw bad("pressure-shrink", "be in (0, 1]", elevated);
      }
      if (!(critical > 0 && critical <= 1)) {
        throw bad("critical-shrink", "be in (0, 1]", critical);
      }
      this.pressureShrink = elevated;
      this.criticalShrink = critical;
      return this;
    }

    /** The budget never shrinks below this; 0 (the default) up to max-bytes, checked at build. */
    public Builder minBytes(long minBytes) {
      if (minBytes < 0) {
        throw bad("min-bytes", "be 0 or more", minBytes);
      }
      this.minBytes = minBytes;
      return this;
    }

    /**
     * After {@code samples} NORMAL signals in a row (default 3) the budget grows back by {@code
     * step} of the configured budget (default 0.05) per further NORMAL signal.
     */
    public Builder recovery(int samples, double step) {
      if (samples < 1) {
        throw bad("recovery-samples", "be at least 1", samples);
      }
      if (!(step > 0 && step <= 1)) {
        throw bad("recovery-step", "be in (0, 1]", step);
      }
      this.recoverySamples = samples;
      this.recoveryStep = step;
      return this;
    }

    /**
     * While the level is NORMAL and the budget below the configured one, the cache counts one
     * NORMAL signal per {@code interval} by itself (default 1 s), since pressure sources only
     * report level changes; zero: only signals it is given count.
     */
    public Builder recoveryInterval(Duration interval) {
      if (interval == null || interval.isNegative()) {
        throw bad("recovery-interval", "be zero or more", interval);
      }
      this.recoveryInterval = interval;
      return this;
    }

    /**
     * The largest share of max heap ({@code Runtime.maxMemory()}) the budget in force may reach
     * (default 0.75). A {@code max-bytes} above it is capped when the cache is built, with a
     * warning: writers can fill a heap in a fraction of a second, faster than any collection can
     * report pressure, so a budget the heap cannot hold ends in OutOfMemoryError however quickly
     * the cache shrinks afterwards. Set 1.0 to turn the cap off.
     *
     * @throws IllegalArgumentException if {@code share} is not in (0, 1]
     */
    public Builder heapCap(double share) {
      if (!(share > 0 && share <= 1)) {
        throw bad("heap-cap", "be a share of max heap in (0, 1]", share);
      }
      this.heapCap = share;
      return this;
    }

    /**
     * Whether to count hits, misses, loads and puts (default false, as in Caffeine): each count is
     * an atomic add on the read path, which cost reads roughly 10-20% of their throughput in the
     * project's runs (docs/benchmarks.md), as Caffeine's own {@code recordStats()} does. Refused
     * puts and evictions are counted either way.
     */
    public Builder recordStats(boolean recordStats) {
      this.recordStats = recordStats;
      return this;
    }

    /**
     * Whether the cache registers a {@link CacheMXBean} as {@code
     * io.heapwise:type=Cache,name=<name>} on the platform MBean server when built (default false);
     * {@link MemoryAwareCache#close()} unregisters it.
     */
    public Builder jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if max-entry-bytes or min-bytes exceeds max-bytes
     */
    public CacheConfig build() {
      if (maxEntryBytes > maxBytes) {
        throw new IllegalArgumentException(
            "cache '"
                + name
                + "': max-entry-bytes ("
                + maxEntryBytes
                + ") must not exceed max-bytes ("
                + maxBytes
                + ")");
      }
      if (minBytes > maxBytes) {
        throw new IllegalArgumentException(
            "cache '"
                + name
                + "': min-bytes ("
                + minBytes
                + ") must not exceed max-bytes ("
                + maxBytes
                + ")");
      }
      return new CacheConfig(this);
    }
  }
}
