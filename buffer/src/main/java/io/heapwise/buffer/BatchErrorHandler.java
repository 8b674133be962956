package io.heapwise.buffer;

import java.util.List;

/**
 * Receives the items a consumer did not take because it threw: the batch handler, a drain consumer
 * or a drain target list. The items were already taken out of the buffer; they are counted in
 * {@link BufferStats#failed()}. Called on the draining thread, under the buffer's consumer lock.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchErrorHandler<T> {

  /**
   * Handles a failed batch. The list may be reused by the buffer after the call: copy what you
   * keep. An exception thrown here is logged and swallowed, so the drainer survives.
   *
   * @param batch the items the consumer did not take, in order, starting with the one it threw on
   * @param error what the consumer threw
   */
  void onError(List<T> batch, Throwable error);
}
