package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;

/**
 * Turns the two figures that matter (live heap after GC as a share of max heap, and GC overhead)
 * into a pressure level, with hysteresis: a level is entered when either figure reaches its
 * threshold, and left only when both are {@code hysteresis} below the thresholds of that level.
 * Pure and allocation-free.
 */
final class PressureJudge {

  private final MonitorConfig config;

  PressureJudge(MonitorConfig config) {
    this.config = config;
  }

  MemoryPressure judge(MemoryPressure current, double liveRatio, double gcOverhead) {
    MemoryPressure raw = levelAt(liveRatio, gcOverhead, 0);
    if (raw.isAtLeast(current)) {
      return raw; // rising (or staying): no delay
    }
    // Falling: leave a level only once its figures are hysteresis below the thresholds.
    MemoryPressure withMargin = levelAt(liveRatio, gcOverhead, config.hysteresis());
    return withMargin.isAtLeast(current) ? current : withMargin;
  }

  private MemoryPressure levelAt(double liveRatio, double gcOverhead, double margin) {
    if (liveRatio >= config.criticalLiveRatio() - margin
        || gcOverhead >= config.criticalGcOverhead() - margin) {
      return MemoryPressure.CRITICAL;
    }
    if (liveRatio >= config.elevatedLiveRatio() - margin
        || gcOverhead >= config.elevatedGcOverhead() - margin) {
      return MemoryPressure.ELEVATED;
    }
    return MemoryPressure.NORMAL;
  }
}
