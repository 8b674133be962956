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
 *   <tr><td>{@code max-bytes}</td><td>10%</td><td>budget: a size ({@code 64m}) or a share of max heap ({@code 25%})</td></tr>
 *   <tr><td>{@code max-entry-bytes}</td><td>10% of the budget</td><td>larger entries are refused</td></tr>
 *   <tr><td>{@code ttl}</td><td>4h</td><td>expire after write</td></tr>
 *   <tr><td>{@code idle-ttl}</td><td>(off)</td><td>expire after last access</td></tr>
 *   <tr><td>{@code elevated-budget}</td><td>0.5</td><td>share of the budget kept at ELEVATED pressure</td></tr>
 *   <tr><td>{@code critical-budget}</td><td>0.2</td><td>share of the budget kept at CRITICAL pressure</td></tr>
 * </table>
 */
public final class CacheConfig {

  private final String name;
  private final long maxBytes;
  private final long maxEntryBytes;
  private final Duration ttl;
  private final Duration idleTtl;
  private final double elevatedBudget;
  private final double criticalBudget;

  private CacheConfig(Builder builder) {
    this.name = builder.name;
    this.maxBytes = builder.maxBytes;
    this.maxEntryBytes =
        builder.maxEntryBytes > 0
            ? builder.maxEntryBytes
            : Math.min(Integer.MAX_VALUE, Math.max(1, builder.maxBytes / 10));
    this.ttl = builder.ttl;
    this.idleTtl = builder.idleTtl;
    this.elevatedBudget = builder.elevatedBudget;
    this.criticalBudget = builder.criticalBudget;
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
    double elevated = section.fraction("elevated-budget", 0.5);
    double critical = section.fraction("critical-budget", 0.2);
    if (critical > elevated) {
      section.reject("critical-budget", "must not exceed elevated-budget (" + elevated + ")");
    } else {
      builder.pressureBudgets(elevated, critical);
    }
    return builder.build();
  }

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

  /** Share of the budget kept at ELEVATED pressure. */
  public double elevatedBudget() {
    return elevatedBudget;
  }

  /** Share of the budget kept at CRITICAL pressure. */
  public double criticalBudget() {
    return criticalBudget;
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
        + ", elevated-budget="
        + elevatedBudget
        + ", critical-budget="
        + criticalBudget
        + "]";
  }

  /** Builds a {@link CacheConfig}; each setter validates its argument at once. */
  public static final class Builder {
    private final String name;
    private long maxBytes = 64L << 20;
    private long maxEntryBytes;
    private Duration ttl = Duration.ofHours(4);
    private Duration idleTtl = Duration.ZERO;
    private double elevatedBudget = 0.5;
    private double criticalBudget = 0.2;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("cache name must not be blank, was '" + name + "'");
      }
      this.name = name;
    }

    /** The budget in bytes; at least 1. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException(
            "cache '" + name + "': max-bytes must be at least 1, was " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * The largest entry accepted; defaults to a tenth of the budget. Checked against it at build.
     */
    public Builder maxEntryBytes(long maxEntryBytes) {
      if (maxEntryBytes < 1 || maxEntryBytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "cache '"
                + name
                + "': max-entry-bytes must be in 1.."
                + Integer.MAX_VALUE
                + ", was "
                + maxEntryBytes);
      }
      this.maxEntryBytes = maxEntryBytes;
      return this;
    }

    /** Expire entries this long after they were written; positive. */
    public Builder ttl(Duration ttl) {
      if (ttl == null || ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException(
            "cache '" + name + "': ttl must be positive, was " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** Expire entries this long after their last access; zero turns it off (the default). */
    public Builder idleTtl(Duration idleTtl) {
      if (idleTtl == null || idleTtl.isNegative()) {
        throw new IllegalArgumentException(
            "cache '" + name + "': idle-ttl must be zero or more, was " + idleTtl);
      }
      this.idleTtl = idleTtl;
      return this;
    }

    /**
     * Shares of the budget kept at ELEVATED and CRITICAL pressure: 0 < critical <= elevated <= 1.
     */
    public Builder pressureBudgets(double elevated, double critical) {
      if (!(critical > 0 && critical <= elevated && elevated <= 1)) {
        throw new IllegalArgumentException(
            "cache '"
                + name
                + "': pressure budgets must satisfy 0 < critical <= elevated <= 1, were"
                + " elevated="
                + elevated
                + ", critical="
                + critical);
      }
      this.elevatedBudget = elevated;
      this.criticalBudget = critical;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if max-entry-bytes exceeds max-bytes
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
      return new CacheConfig(this);
    }
  }
}
