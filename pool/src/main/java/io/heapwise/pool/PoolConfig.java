package io.heapwise.pool;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a pool is sized and what it does when it runs dry. Immutable; build one with {@link
 * #builder(String)} or read it from {@code heapwise.pool.<name>.*} with {@link #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.pool.<name>.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code max-size}</td><td>64</td><td>most pooled objects (1..1,048,576)</td></tr>
 *   <tr><td>{@code prefill}</td><td>0</td><td>objects created when the pool is built (0..max-size)</td></tr>
 *   <tr><td>{@code miss-policy}</td><td>allocate</td><td>allocate, block or fail: see {@link MissPolicy}</td></tr>
 *   <tr><td>{@code block-timeout}</td><td>1s</td><td>longest wait under {@code block}</td></tr>
 *   <tr><td>{@code leak-threshold}</td><td>(off)</td><td>report objects lent for longer</td></tr>
 * </table>
 */
public final class PoolConfig {

  /** The largest {@code max-size}: the pool's slot table is allocated once at this size or less. */
  public static final int MAX_SIZE_LIMIT = 1 << 20;

  private final String name;
  private final int maxSize;
  private final int prefill;
  private final MissPolicy missPolicy;
  private final Duration blockTimeout;
  private final Duration leakThreshold;

  private PoolConfig(Builder builder) {
    this.name = builder.name;
    this.maxSize = builder.maxSize;
    this.prefill = builder.prefill;
    this.missPolicy = builder.missPolicy;
    this.blockTimeout = builder.blockTimeout;
    this.leakThreshold = builder.leakThreshold;
  }

  /**
   * Starts a config for the pool called {@code name} (used in messages, stats and meters).
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads {@code heapwise.pool.<name>.*}; every bad value and unknown key is reported at once.
   *
   * @throws io.heapwise.core.config.ConfigException listing every problem of the section
   */
  public static PoolConfig fromSettings(Settings settings, String name) {
    return settings.read("heapwise.pool." + name + ".", section -> read(section, name));
  }

  private static PoolConfig read(SectionReader section, String name) {
    Builder builder =
        builder(name)
            .maxSize(section.intValue("max-size", 64, 1, MAX_SIZE_LIMIT))
            .missPolicy(section.enumValue("miss-policy", MissPolicy.class, MissPolicy.ALLOCATE))
            .blockTimeout(
                section.duration(
                    "block-timeout", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)));
    int prefill = section.intValue("prefill", 0, 0, MAX_SIZE_LIMIT);
    if (prefill > builder.maxSize) {
      section.reject("prefill", "must not exceed max-size (" + builder.maxSize + ")");
    } else {
      builder.prefill(prefill);
    }
    section.optionalDuration("leak-threshold").ifPresent(builder::leakThreshold);
    return builder.build();
  }

  public String name() {
    return name;
  }

  public int maxSize() {
    return maxSize;
  }

  public int prefill() {
    return prefill;
  }

  public MissPolicy missPolicy() {
    return missPolicy;
  }

  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** How long an object may stay lent before it is reported as a leak; zero when off. */
  public Duration leakThreshold() {
    return leakThreshold;
  }

  @Override
  public String toString() {
    return "PoolConfig["
        + name
        + ": max-size="
        + maxSize
        + ", prefill="
        + prefill
        + ", miss-policy="
        + missPolicy
        + ", block-timeout="
        + blockTimeout
        + ", leak-threshold="
        + leakThreshold
        + "]";
  }

  /** Builds a {@link PoolConfig}; each setter validates its argument at once. */
  public static final class Builder {
    private final String name;
    private int maxSize = 64;
    private int prefill;
    private MissPolicy missPolicy = MissPolicy.ALLOCATE;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration leakThreshold = Duration.ZERO;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("pool name must not be blank, was '" + name + "'");
      }
      this.name = name;
    }

    /** Most pooled objects, 1 to {@link #MAX_SIZE_LIMIT}. */
    public Builder maxSize(int maxSize) {
      if (maxSize < 1 || maxSize > MAX_SIZE_LIMIT) {
        throw new IllegalArgumentException(
            "pool '" + name + "': max-size must be in 1.." + MAX_SIZE_LIMIT + ", was " + maxSize);
      }
      this.maxSize = maxSize;
      return this;
    }

    /** Objects created when the pool is built; at most {@code maxSize} (checked at build). */
    public Builder prefill(int prefill) {
      if (prefill < 0) {
        throw new IllegalArgumentException(
            "pool '" + name + "': prefill must be 0 or more, was " + prefill);
      }
      this.prefill = prefill;
      return this;
    }

    public Builder missPolicy(MissPolicy missPolicy) {
      this.missPolicy = Objects.requireNonNull(missPolicy, "missPolicy");
      return this;
    }

    /** Longest wait under {@link MissPolicy#BLOCK}; zero or more. */
    public Builder blockTimeout(Duration blockTimeout) {
      if (blockTimeout == null || blockTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "pool '" + name + "': block-timeout must be zero or more, was " + blockTimeout);
      }
      this.blockTimeout = blockTimeout;
      return this;
    }

    /** Report objects lent for longer than this; zero turns leak detection off (the default). */
    public Builder leakThreshold(Duration leakThreshold) {
      if (leakThreshold == null || leakThreshold.isNegative()) {
        throw new IllegalArgumentException(
            "pool '" + name + "': leak-threshold must be zero or more, was " + leakThreshold);
      }
      this.leakThreshold = leakThreshold;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if prefill exceeds max-size
     */
    public PoolConfig build() {
      if (prefill > maxSize) {
        throw new IllegalArgumentException(
            "pool '"
                + name
                + "': prefill ("
                + prefill
                + ") must not exceed max-size ("
                + maxSize
                + ")");
      }
      return new PoolConfig(this);
    }
  }
}
