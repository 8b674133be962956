package io.heapwise.monitor;

/**
 * The last {@code capacity} values (heap-used shares) in a ring of primitive doubles, allocated
 * once. Mean and variance are recomputed by a two-pass loop over the ring on each add: O(window)
 * with a window of ten or so, exact (no running-sum drift), and allocation-free. Monitor thread
 * only.
 */
final class VarianceWindow {

  private final double[] values;
  private int next;
  private int size;
  private double mean;
  private double variance;

  VarianceWindow(int capacity) {
    this.values = new double[capacity];
  }

  void add(double value) {
    values[next] = value;
    next = next + 1 == values.length ? 0 : next + 1;
    if (size < values.length) {
      size++;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    double m = sum / size;
    double squares = 0;
    for (int i = 0; i < size; i++) {
      double d = values[i] - m;
      squares += d * d;
    }
    mean = m;
    variance = squares / size; // population variance: the window is all we judge
  }

  /**
   * Whether {@code value} lies at least {@code sigmas} standard deviations and at least {@code
   * minStep} away from the window's mean. False until the window holds two values.
   */
  boolean isStep(double value, double sigmas, double minStep) {
    if (size < 2) {
      return false;
    }
    double distance = Math.abs(value - mean);
    return distance >= minStep && distance >= sigmas * Math.sqrt(variance);
  }

  boolean isFull() {
    return size == values.length;
  }

  int size() {
    return size;
  }

  int capacity() {
    return values.length;
  }

  double mean() {
    return mean;
  }

  double variance() {
    return variance;
  }
}
