/**
 * heapwise buffer: bounded many-producer, one-consumer batch buffers on JCTools.
 *
 * <p>{@link io.heapwise.buffer.BoundedBatchBuffer} is the buffer, {@link
 * io.heapwise.buffer.BufferConfig} its bounds, {@link io.heapwise.buffer.OverflowPolicy} and
 * flushing, {@link io.heapwise.buffer.OfferResult} what an offer did, {@link
 * io.heapwise.buffer.BufferStats} the counters, {@link io.heapwise.buffer.BatchHandler} the
 * consumer, {@link io.heapwise.buffer.BatchErrorHandler} what a throwing consumer did not take, and
 * {@link io.heapwise.buffer.BatchFlusher} the optional consumer thread.
 */
package io.heapwise.buffer;
