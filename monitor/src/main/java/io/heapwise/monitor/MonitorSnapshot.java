package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;

/**
 * Everything the monitor knows after its last sample, taken consistently (all figures from the same
 * sample).
 *
 * @param pressure the level published now
 * @param intervalMillis the current sampling interval
 * @param lastSample the last sample; null only before the first
 * @param windowMean mean of the heap-used share (heap used / max heap) over the stability window
 * @param windowVariance its variance, in share squared: the figure the interval bands compare
 * @param gcOverhead share of wall time spent in GC, smoothed over about five seconds
 * @param allocationBytesPerSecond allocation rate over the last sampling window; -1 where the JVM
 *     cannot tell
 * @param liveAfterGcBytes live heap after the last collection; -1 before the first
 * @param liveAfterGcRatio the same as a share of max heap; -1 before the first collection
 * @param leakSuspected whether live heap after GC has been growing faster than {@code leak-rate}
 * @param leakSlopeBytesPerMinute least-squares slope of live heap after the last settled
 *     collections, bytes per minute (0 with fewer than three)
 * @param samples samples taken since start
 * @param levelChanges how many times the published level changed
 * @param listenerFailures listener calls that threw
 */
public record MonitorSnapshot(
    MemoryPressure pressure,
    long intervalMillis,
    MonitorSample lastSample,
    double windowMean,
    double windowVariance,
    double gcOverhead,
    double allocationBytesPerSecond,
    long liveAfterGcBytes,
    double liveAfterGcRatio,
    boolean leakSuspected,
    double leakSlopeBytesPerMinute,
    long samples,
    long levelChanges,
    long listenerFailures) {}
