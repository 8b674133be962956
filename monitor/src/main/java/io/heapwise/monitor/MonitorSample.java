package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;

/**
 * One sample the monitor took, as kept in its history ring.
 *
 * @param nanoTime when the sample was taken ({@link System#nanoTime()} scale)
 * @param heapUsedBytes heap used, garbage included
 * @param heapMaxBytes max heap
 * @param liveAfterGcBytes live heap after the last collection before this sample; -1 before the
 *     first
 * @param gcOverhead share of wall time spent in GC, smoothed over about five seconds
 * @param allocationBytesPerSecond allocation rate since the previous sample; -1 where the JVM
 *     cannot tell
 * @param pressure the level judged at this sample
 * @param intervalMillis the interval chosen after this sample
 */
public record MonitorSample(
    long nanoTime,
    long heapUsedBytes,
    long heapMaxBytes,
    long liveAfterGcBytes,
    double gcOverhead,
    double allocationBytesPerSecond,
    MemoryPressure pressure,
    long intervalMillis) {}
