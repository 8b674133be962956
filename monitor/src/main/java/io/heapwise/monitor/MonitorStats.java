package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;

/**
 * What the monitor saw at its last sample.
 *
 * @param samples samples taken since start
 * @param pressure the level published now
 * @param intervalMillis the current sampling interval
 * @param liveAfterGcRatio live heap after the last GC as a share of max heap; -1 before the first
 *     GC
 * @param gcOverhead share of wall time spent in GC over the last sampling window
 * @param allocationBytesPerSecond allocation rate over the last window; -1 where the JVM cannot
 *     tell
 * @param heapUsedBytes heap used at the last sample (includes garbage)
 * @param heapMaxBytes max heap
 * @param levelChanges how many times the published level changed
 * @param listenerFailures listener calls that threw
 */
public record MonitorStats(
    long samples,
    MemoryPressure pressure,
    long intervalMillis,
    double liveAfterGcRatio,
    double gcOverhead,
    double allocationBytesPerSecond,
    long heapUsedBytes,
    long heapMaxBytes,
    long levelChanges,
    long listenerFailures) {}
