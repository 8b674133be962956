/**
 * heapwise buffer: bounded many-producer, one-consumer batch buffers on JCTools.
 *
 * <p>{@link io.heapwise.buffer.BoundedBatchBuffer} is the buffer, {@link
 * io.heapwise.buffer.BufferConfig} its bounds and {@link io.heapwise.buffer.OverflowPolicy}, {@link
 * io.heapwise.buffer.OfferResult} what an offer did, {@link io.heapwise.buffer.BufferStats} the
 * counters.
 */
package io.heapwise.buffer;
