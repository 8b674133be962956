package io.heapwise.monitor;

/**
 * Chooses the next sampling interval from how much the heap-used share (heap used / max heap) moves
 * over the last {@code stability-window} samples.
 *
 * <p>The window's variance (unit: share squared; 1e-4 is a standard deviation of one point of max
 * heap) is looked up in the configured variance bands: the first band whose bound it is under gives
 * the interval, above every band it is {@code base-interval}. Until the window is full the interval
 * stays at base, so stable memory reaches the longest band on exactly the {@code
 * stability-window}th sample. A sample {@code snap-sigmas} standard deviations (and at least {@code
 * min-step}) away from the window's mean, a level change, pressure above NORMAL, or a collection
 * whose live figure crossed a threshold snaps the interval back to base at once. Monitor thread
 * only; allocation-free.
 */
final class IntervalController {

  /** Why the last interval was set to base although the window alone would not have. */
  enum Snap {
    NONE,
    STEP,
    EVENT
  }

  private final long baseNanos;
  private final double[] bandVariances;
  private final long[] bandNanos;
  private final double snapSigmas;
  private final double minStep;
  private final VarianceWindow window;
  private long intervalNanos;
  private Snap lastSnap = Snap.NONE;
  private long snaps;

  IntervalController(MonitorConfig config) {
    this.baseNanos = config.baseInterval().toNanos();
    long maxNanos = config.maxInterval().toNanos();
    java.util.List<MonitorConfig.Band> bands = config.intervalBands();
    this.bandVariances = new double[bands.size()];
    this.bandNanos = new long[bands.size()];
    for (int i = 0; i < bands.size(); i++) {
      bandVariances[i] = bands.get(i).belowVariance();
      // clamp: a band never leaves [base-interval, max-interval]
      bandNanos[i] = Math.max(baseNanos, Math.min(maxNanos, bands.get(i).interval().toNanos()));
    }
    this.snapSigmas = config.snapSigmas();
    this.minStep = config.minStep();
    this.window = new VarianceWindow(config.stabilityWindow());
    this.intervalNanos = baseNanos;
  }

  /**
   * Takes a sample of the heap-used share and returns the interval until the next sample.
   *
   * @param usedShare heap used / max heap
   * @param event a level change, pressure above NORMAL or a threshold-crossing collection
   */
  long next(double usedShare, boolean event) {
    boolean step = window.isStep(usedShare, snapSigmas, minStep); // judged against the old window
    window.add(usedShare);
    if (event || step) {
      lastSnap = event ? Snap.EVENT : Snap.STEP;
      snaps++;
      intervalNanos = baseNanos;
    } else {
      lastSnap = Snap.NONE;
      intervalNanos = window.isFull() ? bandInterval(window.variance()) : baseNanos;
    }
    return intervalNanos;
  }

  private long bandInterval(double variance) {
    for (int i = 0; i < bandVariances.length; i++) {
      if (variance < bandVariances[i]) {
        return bandNanos[i];
      }
    }
    return baseNanos;
  }

  long intervalNanos() {
    return intervalNanos;
  }

  Snap lastSnap() {
    return lastSnap;
  }

  long snaps() {
    return snaps;
  }

  VarianceWindow window() {
    return window;
  }
}
