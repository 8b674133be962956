package io.heapwise.buffer;

/**
 * A snapshot of a buffer's counters, all in items except where named otherwise.
 *
 * <p>Every offered item has exactly one fate, so {@code offered == accepted + rejected + dropped +
 * callerRan} in every snapshot: an offer counts when it completes, in the counter of its outcome
 * (an item that DROP_OLDEST removes later moves from accepted to dropped). Once no offer or drain
 * is in progress, {@code accepted == drained + items} as well.
 *
 * @param name the buffer's name
 * @param offered items of completed offers (a batch counts its items); offers that threw an
 *     argument error are not counted, offers still blocked are counted when they return
 * @param accepted items admitted into the buffer and not dropped since: in the buffer or drained
 * @param rejected items refused: no room ({@code REJECT}), no room in time or interrupted ({@code
 *     BLOCK}), interrupted while waiting to deliver ({@code CALLER_RUNS}), or the buffer was closed
 * @param dropped items admitted earlier and then dropped to make room ({@code DROP_OLDEST}), each
 *     handed to the drop listener
 * @param callerRan items a producer delivered to the consumer itself instead of buffering them
 *     ({@code CALLER_RUNS})
 * @param drained items taken out of the buffer and handed to a consumer (handler, drain consumer,
 *     list or array)
 * @param failed items of drained or caller-run batches whose consumer threw; they went to the error
 *     handler
 * @param blockedCount offers that parked waiting for room ({@code BLOCK})
 * @param blockedNanos total time producers spent parked ({@code BLOCK})
 * @param items items in the buffer now (including room reserved by offers in progress)
 * @param bytes bytes in the buffer now (0 without max-bytes: bytes are counted only against that
 *     bound)
 * @param highWaterItems the most items ever held at once
 * @param highWaterBytes the most bytes ever held at once
 * @param capacity the item bound in force now (lower under CRITICAL pressure)
 */
public record BufferStats(
    String name,
    long offered,
    long accepted,
    long rejected,
    long dropped,
    long callerRan,
    long drained,
    long failed,
    long blockedCount,
    long blockedNanos,
    long items,
    long bytes,
    long highWaterItems,
    long highWaterBytes,
    int capacity) {}
