package io.heapwise.monitor;

/**
 * Chooses the next sampling interval from how much the live-heap ratio moves: an exponentially
 * weighted mean and variance of the ratio (O(1), no sample history kept). While its deviation is
 * under {@code stable-deviation} the interval doubles, up to {@code max-interval}; over {@code
 * moving-deviation}, or whenever pressure is above NORMAL, it drops back to {@code base-interval};
 * in between it holds. Not thread-safe: used by the monitor thread only.
 */
final class IntervalController {

  /** Weight of a new sample: about the last ten samples count. */
  private static final double ALPHA = 0.2;

  private final long baseNanos;
  private final long maxNanos;
  private final double stable;
  private final double moving;
  private double mean = Double.NaN;
  private double variance;
  private long intervalNanos;

  IntervalController(MonitorConfig config) {
    this.baseNanos = config.baseInterval().toNanos();
    this.maxNanos = config.maxInterval().toNanos();
    this.stable = config.stableDeviation();
    this.moving = config.movingDeviation();
    this.intervalNanos = baseNanos;
  }

  /** Takes a sample of the ratio and returns the interval until the next sample. */
  long next(double ratio, boolean underPressure) {
    if (Double.isNaN(mean)) {
      mean = ratio;
    } else {
      double delta = ratio - mean;
      mean += ALPHA * delta;
      variance = (1 - ALPHA) * (variance + ALPHA * delta * delta);
    }
    double deviation = Math.sqrt(variance);
    if (underPressure || deviation > moving) {
      intervalNanos = baseNanos;
    } else if (deviation < stable) {
      intervalNanos = Math.min(maxNanos, intervalNanos * 2);
    }
    return intervalNanos;
  }

  long intervalNanos() {
    return intervalNanos;
  }

  double deviation() {
    return Math.sqrt(variance);
  }
}
