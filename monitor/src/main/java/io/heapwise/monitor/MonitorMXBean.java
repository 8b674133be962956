package io.heapwise.monitor;

/**
 * The memory monitor over JMX, registered as {@code io.heapwise:type=Monitor} when the config says
 * {@code jmx=true}, unregistered on close. Figures are those of {@link MemoryMonitor#snapshot()}.
 */
public interface MonitorMXBean {

  /**
   * Returns the published level.
   *
   * @return NORMAL, ELEVATED or CRITICAL
   */
  String getPressure();

  /**
   * Returns the current sampling interval.
   *
   * @return milliseconds
   */
  long getIntervalMillis();

  /**
   * Returns the samples taken since start.
   *
   * @return the sample count
   */
  long getSamples();

  /**
   * Returns how many times the published level changed.
   *
   * @return the level changes
   */
  long getLevelChanges();

  /**
   * Returns how many listener calls threw.
   *
   * @return the listener failures
   */
  long getListenerFailures();

  /**
   * Returns live heap after the last GC as a share of max heap.
   *
   * @return the share, -1 before the first collection
   */
  double getLiveAfterGcRatio();

  /**
   * Returns live heap after the last GC.
   *
   * @return bytes, -1 before the first collection
   */
  long getLiveAfterGcBytes();

  /**
   * Returns the share of wall time spent in GC, smoothed over about five seconds.
   *
   * @return the share
   */
  double getGcOverhead();

  /**
   * Returns the allocation rate over the last sampling window.
   *
   * @return bytes per second, -1 where the JVM cannot tell
   */
  double getAllocationBytesPerSecond();

  /**
   * Returns heap used at the last sample, garbage included.
   *
   * @return bytes
   */
  long getHeapUsedBytes();

  /**
   * Returns the max heap.
   *
   * @return bytes
   */
  long getHeapMaxBytes();

  /**
   * Returns the mean heap-used share over the stability window.
   *
   * @return the share
   */
  double getWindowMean();

  /**
   * Returns the variance of the heap-used share over the stability window.
   *
   * @return share squared
   */
  double getWindowVariance();

  /**
   * Returns whether a leak is suspected.
   *
   * @return true while live heap after GC grows faster than leak-rate
   */
  boolean isLeakSuspected();

  /**
   * Returns the slope of live heap after the last settled collections.
   *
   * @return bytes per minute
   */
  double getLeakSlopeBytesPerMinute();

  /** Wakes the monitor for an immediate sample (as a GC notification does). Safe at any time. */
  void sampleNow();
}
