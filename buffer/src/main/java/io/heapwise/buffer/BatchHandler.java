package io.heapwise.buffer;

import java.util.List;

/**
 * The buffer's single consumer: receives items in batches, in the order they were admitted, one
 * call at a time (never concurrently), on the thread that called {@link BoundedBatchBuffer#drain}
 * or on a producer under {@link OverflowPolicy#CALLER_RUNS}.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchHandler<T> {

  /**
   * Handles a batch. The list is reused by the buffer after the call returns: copy what you keep.
   * An exception propagates to the drainer; the batch counts as delivered.
   */
  void handle(List<T> batch);
}
