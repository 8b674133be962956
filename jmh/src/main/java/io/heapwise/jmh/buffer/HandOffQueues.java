package io.heapwise.jmh.buffer;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferConfig;
import io.heapwise.buffer.OfferResult;
import io.heapwise.buffer.OverflowPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.infra.Control;

/**
 * The three queues of the producer/consumer benchmarks and their producer and consumer steps. A
 * producer that finds its queue full spins (all three the same way) until the consumer frees room,
 * or the iteration ends.
 */
final class HandOffQueues {

  static final int CAPACITY = 1024;
  static final int BATCH = 16;
  static final int DRAIN = 256;
  private static final Integer ITEM = 42;

  final BoundedBatchBuffer<Integer> heapwise =
      BoundedBatchBuffer.<Integer>builder(
              BufferConfig.builder("handoff")
                  .capacity(CAPACITY)
                  .overflowPolicy(OverflowPolicy.REJECT)
                  .drainBatchSize(DRAIN)
                  .build(),
              items -> {})
          .build();
  final ArrayBlockingQueue<Integer> jdk = new ArrayBlockingQueue<>(CAPACITY);
  final MpscArrayQueue<Integer> jctools = new MpscArrayQueue<>(CAPACITY);

  private final List<Integer> batch = new ArrayList<>(Collections.nCopies(BATCH, ITEM));
  private final List<Integer> jdkDrained = new ArrayList<>(DRAIN);
  private long consumed;

  /** A static method reference: JCTools' supplier without an allocation per call. */
  private static Integer item() {
    return ITEM;
  }

  private final Consumer<Integer> sink = this::count;
  private final MessagePassingQueue.Consumer<Integer> jctoolsSink = this::count;

  private void count(Integer item) {
    consumed++;
  }

  void jctoolsOffer(Control control) {
    while (!jctools.offer(ITEM) && !control.stopMeasurement) {
      Thread.onSpinWait();
    }
  }

  void jctoolsFill(Control control) {
    int left = BATCH;
    while (left > 0 && !control.stopMeasurement) {
      left -= jctools.fill(HandOffQueues::item, left);
    }
  }

  int jctoolsDrain() {
    return jctools.drain(jctoolsSink, DRAIN);
  }

  void jdkOffer(Control control) {
    while (!jdk.offer(ITEM) && !control.stopMeasurement) {
      Thread.onSpinWait();
    }
  }

  void jdkOfferBatch(Control control) {
    for (int i = 0; i < BATCH; i++) {
      jdkOffer(control);
    }
  }

  int jdkDrain() {
    jdkDrained.clear();
    return jdk.drainTo(jdkDrained, DRAIN);
  }

  void heapwiseOffer(Control control) throws InterruptedException {
    while (heapwise.offer(ITEM) != OfferResult.ACCEPTED && !control.stopMeasurement) {
      Thread.onSpinWait();
    }
  }

  void heapwiseOfferBatch(Control control) throws InterruptedException {
    while (heapwise.offerBatch(batch) != OfferResult.ACCEPTED && !control.stopMeasurement) {
      Thread.onSpinWait();
    }
  }

  int heapwiseDrain() {
    return heapwise.drain(sink, DRAIN);
  }

  long consumed() {
    return consumed;
  }
}
