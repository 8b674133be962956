package io.heapwise.monitor;

import java.lang.System.Logger.Level;

/**
 * Watches the live heap after the last {@code leak-collections} settled collections (see {@link
 * SampleSource#settledLiveBytes()}) in a ring of primitive arrays allocated once, and fits a
 * least-squares line through them. A leak is suspected while the slope stays above {@code
 * leak-rate} (bytes per minute) and the points span at least {@code leak-min-span}; the suspicion
 * clears once the slope falls below half that rate (half, so a trend hovering at the rate does not
 * flap). Each change is logged as one line. Monitor thread only; allocation-free except the log
 * line.
 */
final class LeakDetector {

  private static final System.Logger LOG = System.getLogger(LeakDetector.class.getName());
  private static final double NANOS_PER_MINUTE = 60e9;

  private final long[] nanos;
  private final long[] bytes;
  private final double rateBytesPerMinute;
  private final long minSpanNanos;
  private int next;
  private int size;
  private double slope;
  private boolean suspected;

  LeakDetector(MonitorConfig config) {
    this.nanos = new long[config.leakCollections()];
    this.bytes = new long[config.leakCollections()];
    this.rateBytesPerMinute = config.leakRateBytesPerMinute();
    this.minSpanNanos = config.leakMinSpan().toNanos();
  }

  /** Records the live heap after one settled collection, seen at {@code atNanos}. */
  void record(long atNanos, long liveBytes) {
    nanos[next] = atNanos;
    bytes[next] = liveBytes;
    next = next + 1 == nanos.length ? 0 : next + 1;
    if (size < nanos.length) {
      size++;
    }
    judge();
  }

  private void judge() {
    if (size < 3) {
      slope = 0;
      return;
    }
    // Times relative to the oldest point, in minutes, so the sums stay well inside double
    // precision.
    int oldest = size < nanos.length ? 0 : next;
    long origin = nanos[oldest];
    long newest = origin;
    double sumT = 0;
    double sumB = 0;
    for (int i = 0; i < size; i++) {
      sumT += (nanos[i] - origin) / NANOS_PER_MINUTE;
      sumB += bytes[i];
      newest = Math.max(newest, nanos[i]);
    }
    double meanT = sumT / size;
    double meanB = sumB / size;
    double covariance = 0;
    double spread = 0;
    for (int i = 0; i < size; i++) {
      double dt = (nanos[i] - origin) / NANOS_PER_MINUTE - meanT;
      covariance += dt * (bytes[i] - meanB);
      spread += dt * dt;
    }
    slope = spread == 0 ? 0 : covariance / spread;
    boolean longEnough = newest - origin >= minSpanNanos;
    if (!suspected && longEnough && slope > rateBytesPerMinute) {
      suspected = true;
      LOG.log(
          Level.WARNING,
          "heapwise monitor: memory leak suspected: live heap after GC grows by {0} bytes/min over"
              + " the last {1} collections (leak-rate {2} bytes/min)",
          (long) slope,
          size,
          (long) rateBytesPerMinute);
    } else if (suspected && slope < rateBytesPerMinute / 2) {
      suspected = false;
      LOG.log(
          Level.INFO,
          "heapwise monitor: leak suspicion cleared: live heap after GC now changes by {0}"
              + " bytes/min",
          (long) slope);
    }
  }

  boolean suspected() {
    return suspected;
  }

  /** Least-squares slope of live heap after GC, bytes per minute; 0 with fewer than 3 points. */
  double slopeBytesPerMinute() {
    return slope;
  }

  int size() {
    return size;
  }

  int capacity() {
    return nanos.length;
  }
}
