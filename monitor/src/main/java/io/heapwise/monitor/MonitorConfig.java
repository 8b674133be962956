package io.heapwise.monitor;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;

/**
 * The monitor's thresholds and sampling intervals. Immutable; build one with {@link #builder()} or
 * read it from {@code heapwise.monitor.*} with {@link #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.monitor.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code base-interval}</td><td>1s</td><td>sampling interval while memory moves (and the shortest)</td></tr>
 *   <tr><td>{@code max-interval}</td><td>30s</td><td>longest interval, reached while memory is stable</td></tr>
 *   <tr><td>{@code elevated-live-ratio}</td><td>0.70</td><td>live heap after GC, share of max heap, for ELEVATED</td></tr>
 *   <tr><td>{@code critical-live-ratio}</td><td>0.85</td><td>the same for CRITICAL</td></tr>
 *   <tr><td>{@code elevated-gc-overhead}</td><td>0.10</td><td>share of wall time in GC for ELEVATED</td></tr>
 *   <tr><td>{@code critical-gc-overhead}</td><td>0.25</td><td>the same for CRITICAL</td></tr>
 *   <tr><td>{@code hysteresis}</td><td>0.05</td><td>how far below a threshold a figure must fall to leave its level</td></tr>
 *   <tr><td>{@code stable-deviation}</td><td>0.01</td><td>std. deviation of the live ratio under which memory counts as stable</td></tr>
 *   <tr><td>{@code moving-deviation}</td><td>0.05</td><td>std. deviation over which memory counts as moving</td></tr>
 * </table>
 */
public final class MonitorConfig {

  private final Duration baseInterval;
  private final Duration maxInterval;
  private final double elevatedLiveRatio;
  private final double criticalLiveRatio;
  private final double elevatedGcOverhead;
  private final double criticalGcOverhead;
  private final double hysteresis;
  private final double stableDeviation;
  private final double movingDeviation;

  private MonitorConfig(Builder b) {
    this.baseInterval = b.baseInterval;
    this.maxInterval = b.maxInterval;
    this.elevatedLiveRatio = b.elevatedLiveRatio;
    this.criticalLiveRatio = b.criticalLiveRatio;
    this.elevatedGcOverhead = b.elevatedGcOverhead;
    this.criticalGcOverhead = b.criticalGcOverhead;
    this.hysteresis = b.hysteresis;
    this.stableDeviation = b.stableDeviation;
    this.movingDeviation = b.movingDeviation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static MonitorConfig defaults() {
    return builder().build();
  }

  /**
   * Reads {@code heapwise.monitor.*}; every bad value and unknown key is reported at once.
   *
   * @throws io.heapwise.core.config.ConfigException listing every problem of the section
   */
  public static MonitorConfig fromSettings(Settings settings) {
    return settings.read("heapwise.monitor.", MonitorConfig::read);
  }

  private static MonitorConfig read(SectionReader s) {
    Duration min = Duration.ofMillis(1);
    Duration max = Duration.ofHours(1);
    return builder()
        .intervals(
            s.duration("base-interval", Duration.ofSeconds(1), min, max),
            s.duration("max-interval", Duration.ofSeconds(30), min, max))
        .liveRatios(
            s.fraction("elevated-live-ratio", 0.70), s.fraction("critical-live-ratio", 0.85))
        .gcOverheads(
            s.fraction("elevated-gc-overhead", 0.10), s.fraction("critical-gc-overhead", 0.25))
        .hysteresis(s.fraction("hysteresis", 0.05, 0, 0.5))
        .deviations(s.fraction("stable-deviation", 0.01), s.fraction("moving-deviation", 0.05))
        .build();
  }

  public Duration baseInterval() {
    return baseInterval;
  }

  public Duration maxInterval() {
    return maxInterval;
  }

  public double elevatedLiveRatio() {
    return elevatedLiveRatio;
  }

  public double criticalLiveRatio() {
    return criticalLiveRatio;
  }

  public double elevatedGcOverhead() {
    return elevatedGcOverhead;
  }

  public double criticalGcOverhead() {
    return criticalGcOverhead;
  }

  public double hysteresis() {
    return hysteresis;
  }

  public double stableDeviation() {
    return stableDeviation;
  }

  public double movingDeviation() {
    return movingDeviation;
  }

  @Override
  public String toString() {
    return "MonitorConfig[base-interval="
        + baseInterval
        + ", max-interval="
        + maxInterval
        + ", live-ratio="
        + elevatedLiveRatio
        + "/"
        + criticalLiveRatio
        + ", gc-overhead="
        + elevatedGcOverhead
        + "/"
        + criticalGcOverhead
        + ", hysteresis="
        + hysteresis
        + "]";
  }

  /** Builds a {@link MonitorConfig}; each setter validates its arguments at once. */
  public static final class Builder {
    private Duration baseInterval = Duration.ofSeconds(1);
    private Duration maxInterval = Duration.ofSeconds(30);
    private double elevatedLiveRatio = 0.70;
    private double criticalLiveRatio = 0.85;
    private double elevatedGcOverhead = 0.10;
    private double criticalGcOverhead = 0.25;
    private double hysteresis = 0.05;
    private double stableDeviation = 0.01;
    private double movingDeviation = 0.05;

    private Builder() {}

    /** Shortest and longest sampling interval: 0 < base <= max. */
    public Builder intervals(Duration base, Duration max) {
      if (base == null
          || max == null
          || base.isZero()
          || base.isNegative()
          || max.compareTo(base) < 0) {
        throw new IllegalArgumentException(
            "monitor intervals must satisfy 0 < base-interval <= max-interval, were "
                + base
                + " and "
                + max);
      }
      this.baseInterval = base;
      this.maxInterval = max;
      return this;
    }

    /** Live-after-GC shares of max heap for ELEVATED and CRITICAL: 0 < elevated < critical <= 1. */
    public Builder liveRatios(double elevated, double critical) {
      checkPair("live-ratio", elevated, critical);
      this.elevatedLiveRatio = elevated;
      this.criticalLiveRatio = critical;
      return this;
    }

    /** GC time shares for ELEVATED and CRITICAL: 0 < elevated < critical <= 1. */
    public Builder gcOverheads(double elevated, double critical) {
      checkPair("gc-overhead", elevated, critical);
      this.elevatedGcOverhead = elevated;
      this.criticalGcOverhead = critical;
      return this;
    }

    /** How far (0 to 0.5) below its threshold a figure must fall before its level is left. */
    public Builder hysteresis(double hysteresis) {
      if (!(hysteresis >= 0 && hysteresis <= 0.5)) {
        throw new IllegalArgumentException(
            "monitor hysteresis must be in 0..0.5, was " + hysteresis);
      }
      this.hysteresis = hysteresis;
      return this;
    }

    /** Deviations of the live ratio that mean "stable" and "moving": 0 <= stable < moving. */
    public Builder deviations(double stable, double moving) {
      if (!(stable >= 0 && stable < moving)) {
        throw new IllegalArgumentException(
            "monitor deviations must satisfy 0 <= stable-deviation < moving-deviation, were "
                + stable
                + " and "
                + moving);
      }
      this.stableDeviation = stable;
      this.movingDeviation = moving;
      return this;
    }

    private static void checkPair(String what, double elevated, double critical) {
      if (!(elevated > 0 && elevated < critical && critical <= 1)) {
        throw new IllegalArgumentException(
            "monitor "
                + what
                + " thresholds must satisfy 0 < elevated < critical <= 1, were "
                + elevated
                + " and "
                + critical);
      }
    }

    public MonitorConfig build() {
      return new MonitorConfig(this);
    }
  }
}
