package io.heapwise.buffer;

/**
 * A snapshot of a buffer's counters.
 *
 * @param name the buffer's name
 * @param offered items offered (a batch counts its items)
 * @param accepted items admitted
 * @param rejected items refused
 * @param dropped items dropped to make room ({@code DROP_OLDEST}) and handed to the drop listener
 * @param callerRan batches producers delivered themselves ({@code CALLER_RUNS})
 * @param blockedNanos total time producers spent parked ({@code BLOCK})
 * @param delivered items handed to the consumer
 * @param items items in the buffer now
 * @param bytes bytes in the buffer now (0 without a weigher)
 * @param highWaterItems the most items ever held at once
 * @param highWaterBytes the most bytes ever held at once
 * @param capacity the item bound in force now
 */
public record BufferStats(
    String name,
    long offered,
    long accepted,
    long rejected,
    long dropped,
    long callerRan,
    long blockedNanos,
    long delivered,
    long items,
    long bytes,
    long highWaterItems,
    long highWaterBytes,
    int capacity) {}
