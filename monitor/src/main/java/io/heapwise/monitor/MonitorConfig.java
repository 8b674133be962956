package io.heapwise.monitor;

import io.heapwise.core.config.ByteSize;
import io.heapwise.core.config.DurationFormat;
import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The monitor's thresholds, sampling intervals, window, leak and history settings. Immutable; build
 * one with {@link #builder()} or read it from {@code heapwise.monitor.*} with {@link
 * #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.monitor.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code base-interval}</td><td>5s</td><td>sampling interval while memory moves (and the shortest)</td></tr>
 *   <tr><td>{@code max-interval}</td><td>60s</td><td>longest interval, reached while memory is stable</td></tr>
 *   <tr><td>{@code stability-window}</td><td>10</td><td>samples of the heap-used share whose variance sets the interval</td></tr>
 *   <tr><td>{@code interval-bands}</td><td>{@code 0.0001:<max-interval>, 0.001:30s, 0.01:15s}</td>
 *       <td>{@code variance:interval} pairs, variances ascending: the first band whose variance the
 *       window's is below gives the interval (clamped to base..max); above all bands, base. Unit:
 *       variance of heap used / max heap, in share squared (0.0001 = a standard deviation of one
 *       point of max heap)</td></tr>
 *   <tr><td>{@code snap-sigmas}</td><td>3</td><td>a sample this many standard deviations from the window mean snaps to base</td></tr>
 *   <tr><td>{@code min-step}</td><td>0.05</td><td>... and at least this far (share of max heap), so a flat window does not snap on noise</td></tr>
 *   <tr><td>{@code elevated-live-ratio}</td><td>0.70</td><td>live heap after GC, share of max heap, for ELEVATED</td></tr>
 *   <tr><td>{@code critical-live-ratio}</td><td>0.85</td><td>the same for CRITICAL</td></tr>
 *   <tr><td>{@code elevated-gc-overhead}</td><td>0.10</td><td>share of wall time in GC for ELEVATED</td></tr>
 *   <tr><td>{@code critical-gc-overhead}</td><td>0.25</td><td>the same for CRITICAL</td></tr>
 *   <tr><td>{@code hysteresis}</td><td>0.05</td><td>how far below a threshold a figure must fall to leave its level</td></tr>
 *   <tr><td>{@code leak-collections}</td><td>12</td><td>settled collections whose live heap the leak slope is fitted to</td></tr>
 *   <tr><td>{@code leak-rate}</td><td>1MiB</td><td>growth of live heap after GC, per minute, above which a leak is suspected</td></tr>
 *   <tr><td>{@code leak-min-span}</td><td>10m</td><td>the fitted collections must span at least this long</td></tr>
 *   <tr><td>{@code history-size}</td><td>256</td><td>samples kept in the history ring (allocated once)</td></tr>
 *   <tr><td>{@code jmx}</td><td>false</td><td>register {@link MonitorMXBean} as {@code io.heapwise:type=Monitor}</td></tr>
 * </table>
 */
public final class MonitorConfig {

  /** Defaults of the bands below the longest one, which is {@code max-interval}. */
  private static final Duration SECOND_BAND = Duration.ofSeconds(30);

  private static final Duration THIRD_BAND = Duration.ofSeconds(15);

  private final Duration baseInterval;
  private final Duration maxInterval;
  private final double elevatedLiveRatio;
  private final double criticalLiveRatio;
  private final double elevatedGcOverhead;
  private final double criticalGcOverhead;
  private final double hysteresis;
  private final int stabilityWindow;
  private final List<Band> intervalBands;
  private final double snapSigmas;
  private final double minStep;
  private final int leakCollections;
  private final long leakRateBytesPerMinute;
  private final Duration leakMinSpan;
  private final int historySize;
  private final boolean jmx;

  private MonitorConfig(Builder b) {
    this.baseInterval = b.baseInterval;
    this.maxInterval = b.maxInterval;
    this.elevatedLiveRatio = b.elevatedLiveRatio;
    this.criticalLiveRatio = b.criticalLiveRatio;
    this.elevatedGcOverhead = b.elevatedGcOverhead;
    this.criticalGcOverhead = b.criticalGcOverhead;
    this.hysteresis = b.hysteresis;
    this.stabilityWindow = b.stabilityWindow;
    this.intervalBands = b.intervalBands != null ? b.intervalBands : defaultBands(b.maxInterval);
    this.snapSigmas = b.snapSigmas;
    this.minStep = b.minStep;
    this.leakCollections = b.leakCollections;
    this.leakRateBytesPerMinute = b.leakRateBytesPerMinute;
    this.leakMinSpan = b.leakMinSpan;
    this.historySize = b.historySize;
    this.jmx = b.jmx;
  }

  private static List<Band> defaultBands(Duration maxInterval) {
    return List.of(
        new Band(1e-4, maxInterval), new Band(1e-3, SECOND_BAND), new Band(1e-2, THIRD_BAND));
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the defaults.
   *
   * @return the default configuration
   */
  public static MonitorConfig defaults() {
    return builder().build();
  }

  /**
   * Reads {@code heapwise.monitor.*}; every bad value and unknown key is reported at once.
   *
   * @param settings the settings to read
   * @return the configuration
   * @throws io.heapwise.core.config.ConfigException listing every problem of the section
   */
  public static MonitorConfig fromSettings(Settings settings) {
    return settings.read("heapwise.monitor.", MonitorConfig::read);
  }

  private static MonitorConfig read(SectionReader s) {
    Duration min = Duration.ofMillis(1);
    Duration max = Duration.ofHours(1);
    Builder builder =
        builder()
            .intervals(
                s.duration("base-interval", Duration.ofSeconds(5), min, max),
                s.duration("max-interval", Duration.ofSeconds(60), min, max))
            .liveRatios(
                s.fraction("elevated-live-ratio", 0.70), s.fraction("critical-live-ratio", 0.85))
            .gcOverheads(
                s.fraction("elevated-gc-overhead", 0.10), s.fraction("critical-gc-overhead", 0.25))
            .hysteresis(s.fraction("hysteresis", 0.05, 0, 0.5))
            .stabilityWindow(s.intValue("stability-window", 10, 2, 1000))
            .snap(s.doubleValue("snap-sigmas", 3, 1, 100), s.fraction("min-step", 0.05))
            .leak(
                s.intValue("leak-collections", 12, 3, 1024),
                s.byteSize("leak-rate", 1L << 20, 1, Long.MAX_VALUE),
                s.duration("leak-min-span", Duration.ofMinutes(10), Duration.ZERO, null))
            .historySize(s.intValue("history-size", 256, 1, 1 << 16))
            .jmx(s.booleanValue("jmx", false));
    if (s.isSet("interval-bands")) {
      String text = s.stringValue("interval-bands", "");
      try {
        builder.intervalBands(parseBands(text));
      } catch (IllegalArgumentException e) {
        s.reject("interval-bands", e.getMessage());
      }
    }
    return builder.build();
  }

  /**
   * Parses {@code variance:interval} pairs separated by commas, e.g. {@code 0.0001:60s, 0.001:30s}.
   *
   * @throws IllegalArgumentException naming the bad pair and what was expected
   */
  static List<Band> parseBands(String text) {
    List<Band> bands = new ArrayList<>();
    for (String pair : text.split(",", -1)) {
      String trimmed = pair.trim();
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new IllegalArgumentException(
            "expected comma-separated variance:interval pairs such as 0.0001:60s, 0.001:30s; '"
                + trimmed
                + "' is not one");
      }
      double variance;
      try {
        variance = Double.parseDouble(trimmed.substring(0, colon).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected a variance (share squared, e.g. 0.0001) before ':' in '" + trimmed + "'", e);
      }
      Duration interval;
      try {
        interval = DurationFormat.parse(trimmed.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "expected a duration (e.g. 30s) after ':' in '" + trimmed + "'", e);
      }
      bands.add(new Band(variance, interval));
    }
    return bands;
  }

  /**
   * Returns the shortest sampling interval.
   *
   * @return base-interval
   */
  public Duration baseInterval() {
    return baseInterval;
  }

  /**
   * Returns the longest sampling interval.
   *
   * @return max-interval
   */
  public Duration maxInterval() {
    return maxInterval;
  }

  /**
   * Returns the live-after-GC share of max heap for ELEVATED.
   *
   * @return elevated-live-ratio
   */
  public double elevatedLiveRatio() {
    return elevatedLiveRatio;
  }

  /**
   * Returns the live-after-GC share of max heap for CRITICAL.
   *
   * @return critical-live-ratio
   */
  public double criticalLiveRatio() {
    return criticalLiveRatio;
  }

  /**
   * Returns the GC time share for ELEVATED.
   *
   * @return elevated-gc-overhead
   */
  public double elevatedGcOverhead() {
    return elevatedGcOverhead;
  }

  /**
   * Returns the GC time share for CRITICAL.
   *
   * @return critical-gc-overhead
   */
  public double criticalGcOverhead() {
    return criticalGcOverhead;
  }

  /**
   * Returns how far below its threshold a figure must fall to leave a level.
   *
   * @return hysteresis
   */
  public double hysteresis() {
    return hysteresis;
  }

  /**
   * Returns how many samples of the heap-used share the variance is taken over.
   *
   * @return stability-window
   */
  public int stabilityWindow() {
    return stabilityWindow;
  }

  /**
   * Returns the variance bands, variances ascending.
   *
   * @return interval-bands
   */
  public List<Band> intervalBands() {
    return intervalBands;
  }

  /**
   * Returns how many standard deviations from the window mean snap the interval back to base.
   *
   * @return snap-sigmas
   */
  public double snapSigmas() {
    return snapSigmas;
  }

  /**
   * Returns the smallest step (share of max heap) that snaps the interval back to base.
   *
   * @return min-step
   */
  public double minStep() {
    return minStep;
  }

  /**
   * Returns how many settled collections the leak slope is fitted to.
   *
   * @return leak-collections
   */
  public int leakCollections() {
    return leakCollections;
  }

  /**
   * Returns the growth of live heap after GC (bytes per minute) above which a leak is suspected.
   *
   * @return leak-rate
   */
  public long leakRateBytesPerMinute() {
    return leakRateBytesPerMinute;
  }

  /**
   * Returns the shortest span the fitted collections must cover before a leak is suspected.
   *
   * @return leak-min-span
   */
  public Duration leakMinSpan() {
    return leakMinSpan;
  }

  /**
   * Returns how many samples the history ring keeps.
   *
   * @return history-size
   */
  public int historySize() {
    return historySize;
  }

  /**
   * Returns whether the monitor registers its {@link MonitorMXBean}.
   *
   * @return jmx
   */
  public boolean jmx() {
    return jmx;
  }

  @Override
  public String toString() {
    return "MonitorConfig[base-interval="
        + baseInterval
        + ", max-interval="
        + maxInterval
        + ", stability-window="
        + stabilityWindow
        + ", interval-bands="
        + intervalBands
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
        + ", leak-rate="
        + ByteSize.format(leakRateBytesPerMinute)
        + "/min]";
  }

  /**
   * One variance band: while the window's variance of the heap-used share is below {@code
   * belowVariance} (and not below an earlier band's), the monitor samples every {@code interval}.
   *
   * @param belowVariance the band's upper bound, in share squared (0.0001 = one point of max heap
   *     as a standard deviation); positive and finite
   * @param interval the sampling interval in this band; positive (clamped to base..max at use)
   */
  public record Band(double belowVariance, Duration interval) {

    /**
     * Validates the band.
     *
     * @throws IllegalArgumentException if the variance is not positive and finite or the interval
     *     not positive
     */
    public Band {
      if (!(belowVariance > 0 && belowVariance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "monitor interval band variance must be positive and finite (share squared), was "
                + belowVariance);
      }
      if (interval == null || interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException(
            "monitor interval band interval must be positive, was " + interval);
      }
    }

    @Override
    public String toString() {
      return belowVariance + ":" + DurationFormat.format(interval);
    }
  }

  /** Builds a {@link MonitorConfig}; each setter validates its arguments at once. */
  public static final class Builder {
    private Duration baseInterval = Duration.ofSeconds(5);
    private Duration maxInterval = Duration.ofSeconds(60);
    private double elevatedLiveRatio = 0.70;
    private double criticalLiveRatio = 0.85;
    private double elevatedGcOverhead = 0.10;
    private double criticalGcOverhead = 0.25;
    private double hysteresis = 0.05;
    private int stabilityWindow = 10;
    private List<Band> intervalBands; // null: the defaults, derived from max-interval
    private double snapSigmas = 3;
    private double minStep = 0.05;
    private int leakCollections = 12;
    private long leakRateBytesPerMinute = 1L << 20;
    private Duration leakMinSpan = Duration.ofMinutes(10);
    private int historySize = 256;
    private boolean jmx;

    private Builder() {}

    /**
     * Sets whether the monitor registers its {@link MonitorMXBean} as {@code
     * io.heapwise:type=Monitor} on the platform MBean server (and unregisters it on close).
     *
     * @param enabled jmx
     * @return this builder
     */
    public Builder jmx(boolean enabled) {
      this.jmx = enabled;
      return this;
    }

    /**
     * Sets the shortest and longest sampling interval.
     *
     * @param base base-interval, positive
     * @param max max-interval, at least base
     * @return this builder
     * @throws IllegalArgumentException unless 0 &lt; base &lt;= max
     */
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

    /**
     * Sets the live-after-GC shares of max heap for ELEVATED and CRITICAL.
     *
     * @param elevated elevated-live-ratio
     * @param critical critical-live-ratio
     * @return this builder
     * @throws IllegalArgumentException unless 0 &lt; elevated &lt; critical &lt;= 1
     */
    public Builder liveRatios(double elevated, double critical) {
      checkPair("live-ratio", elevated, critical);
      this.elevatedLiveRatio = elevated;
      this.criticalLiveRatio = critical;
      return this;
    }

    /**
     * Sets the GC time shares for ELEVATED and CRITICAL.
     *
     * @param elevated elevated-gc-overhead
     * @param critical critical-gc-overhead
     * @return this builder
     * @throws IllegalArgumentException unless 0 &lt; elevated &lt; critical &lt;= 1
     */
    public Builder gcOverheads(double elevated, double critical) {
      checkPair("gc-overhead", elevated, critical);
      this.elevatedGcOverhead = elevated;
      this.criticalGcOverhead = critical;
      return this;
    }

    /**
     * Sets how far below its threshold a figure must fall before its level is left.
     *
     * @param hysteresis 0 to 0.5
     * @return this builder
     * @throws IllegalArgumentException outside 0..0.5
     */
    public Builder hysteresis(double hysteresis) {
      if (!(hysteresis >= 0 && hysteresis <= 0.5)) {
        throw new IllegalArgumentException(
            "monitor hysteresis must be in 0..0.5, was " + hysteresis);
      }
      this.hysteresis = hysteresis;
      return this;
    }

    /**
     * Sets how many samples of the heap-used share the variance is taken over.
     *
     * @param samples stability-window, 2 to 1000
     * @return this builder
     * @throws IllegalArgumentException outside 2..1000
     */
    public Builder stabilityWindow(int samples) {
      if (samples < 2 || samples > 1000) {
        throw new IllegalArgumentException(
            "monitor stability-window must be in 2..1000 samples, was " + samples);
      }
      this.stabilityWindow = samples;
      return this;
    }

    /**
     * Sets the variance bands (see {@link Band}); variances must ascend.
     *
     * @param bands at least one band
     * @return this builder
     * @throws IllegalArgumentException if empty or not ascending
     */
    public Builder intervalBands(List<Band> bands) {
      Objects.requireNonNull(bands, "interval-bands");
      if (bands.isEmpty()) {
        throw new IllegalArgumentException("monitor interval-bands must hold at least one band");
      }
      for (int i = 1; i < bands.size(); i++) {
        if (!(bands.get(i).belowVariance() > bands.get(i - 1).belowVariance())) {
          throw new IllegalArgumentException(
              "monitor interval-bands variances must ascend, were " + bands);
        }
      }
      this.intervalBands = List.copyOf(bands);
      return this;
    }

    /**
     * Sets when a sample snaps the interval back to base: at least {@code sigmas} standard
     * deviations and at least {@code minStep} (share of max heap) from the window mean.
     *
     * @param sigmas snap-sigmas, 1 to 100
     * @param minStep min-step, 0 to 1
     * @return this builder
     * @throws IllegalArgumentException outside those ranges
     */
    public Builder snap(double sigmas, double minStep) {
      if (!(sigmas >= 1 && sigmas <= 100) || !(minStep >= 0 && minStep <= 1)) {
        throw new IllegalArgumentException(
            "monitor snap-sigmas must be in 1..100 and min-step in 0..1, were "
                + sigmas
                + " and "
                + minStep);
      }
      this.snapSigmas = sigmas;
      this.minStep = minStep;
      return this;
    }

    /**
     * Sets leak suspicion: the slope of live heap after the last {@code collections} settled
     * collections must exceed {@code bytesPerMinute} over at least {@code minSpan}.
     *
     * @param collections leak-collections, 3 to 1024
     * @param bytesPerMinute leak-rate, positive
     * @param minSpan leak-min-span, not negative
     * @return this builder
     * @throws IllegalArgumentException outside those ranges
     */
    public Builder leak(int collections, long bytesPerMinute, Duration minSpan) {
      if (collections < 3 || collections > 1024) {
        throw new IllegalArgumentException(
            "monitor leak-collections must be in 3..1024, was " + collections);
      }
      if (bytesPerMinute <= 0) {
        throw new IllegalArgumentException(
            "monitor leak-rate must be a positive number of bytes per minute, was "
                + bytesPerMinute);
      }
      if (minSpan == null || minSpan.isNegative()) {
        throw new IllegalArgumentException(
            "monitor leak-min-span must not be negative, was " + minSpan);
      }
      this.leakCollections = collections;
      this.leakRateBytesPerMinute = bytesPerMinute;
      this.leakMinSpan = minSpan;
      return this;
    }

    /**
     * Sets how many samples the history ring keeps.
     *
     * @param samples history-size, 1 to 65536
     * @return this builder
     * @throws IllegalArgumentException outside 1..65536
     */
    public Builder historySize(int samples) {
      if (samples < 1 || samples > 1 << 16) {
        throw new IllegalArgumentException(
            "monitor history-size must be in 1..65536 samples, was " + samples);
      }
      this.historySize = samples;
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

    /**
     * Builds the configuration.
     *
     * @return an immutable configuration
     */
    public MonitorConfig build() {
      return new MonitorConfig(this);
    }
  }
}
