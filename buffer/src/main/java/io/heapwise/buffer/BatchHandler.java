package io.heapwise.buffer;

import java.util.List;

/**
 * The buffer's single consumer: receives items in batches, in the order they were admitted, one
 * call at a time (never concurrently), on the thread that called {@link BoundedBatchBuffer#drain},
 * on the {@link BatchFlusher}, or on a producer under {@link OverflowPolicy#CALLER_RUNS}.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchHandler<T> {

  /**
   * Handles a batch. The list is reused by the buffer after the call returns: copy what you keep.
   * An exception hands the batch to the buffer's {@link BatchErrorHandler} and counts it as failed;
   * the drainer carries on.
   */
  void handle(List<T> batch);
}
