package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Offer and drain allocate nothing per item in steady state: measured with the per-thread
 * allocation counter of the JVM over 200,000 items, after a warm-up that lets the JIT compile (and
 * escape-analyse) the paths and the reused containers reach their size.
 */
class BufferAllocationTest {

  private static final int ROUNDS = 20_000;
  private static final int PER_ROUND = 10;
  private static final Integer ITEM = 42; // a cached box: the test measures the buffer only

  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long sink;

  private BoundedBatchBuffer<Integer> buffer() {
    return BoundedBatchBuffer.<Integer>builder(
            BufferConfig.builder("alloc")
                .capacity(64)
                .overflowPolicy(OverflowPolicy.REJECT)
                .drainBatchSize(PER_ROUND)
                .build(),
            batch -> sink += batch.size())
        .build();
  }

  private double bytesPerItem(Runnable round) {
    return bytesPerItem(round, PER_ROUND, ROUNDS);
  }

  private double bytesPerItem(Runnable round, int itemsPerRound, int rounds) {
    for (int i = 0; i < rounds; i++) {
      round.run(); // warm-up
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < rounds; i++) {
      round.run();
    }
    long after = threads.getThreadAllocatedBytes(id);
    return (double) (after - before) / ((long) rounds * itemsPerRound);
  }

  @Test
  void weighedItemsOfAFullBufferDrainedAndRefilledAllocateNothingPerItem() {
    threads.setThreadAllocatedMemoryEnabled(true);
    int capacity = 512;
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("alloc-weighed")
                    .capacity(capacity)
                    .maxBytes(capacity * 16L)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .drainBatchSize(capacity)
                    .build(),
                batch -> sink += batch.size())
            .weigher(item -> 16)
            .build();
    // every item queued at once: each needs a holder for its weight, and all come back
    long deliveredBefore = sink;
    double perItem =
        bytesPerItem(
            () -> {
              try {
                for (int i = 0; i < capacity; i++) {
                  buffer.offer(ITEM);
                }
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              buffer.drain();
            },
            capacity,
            400);
    assertThat(sink - deliveredBefore)
        .as("every offer accepted and delivered, warm-up and measured rounds")
        .isEqualTo(2L * 400 * capacity);
    assertThat(buffer.stats().items()).isZero();
    assertThat(buffer.stats().bytes()).isZero();
    assertThat(perItem).as("bytes per item").isLessThan(0.1);
  }

  private static void offer(BoundedBatchBuffer<Integer> buffer) {
    try {
      for (int i = 0; i < PER_ROUND; i++) {
        buffer.offer(ITEM);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void offerAndDrainIntoAReusedListAllocateNothingPerItem() {
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    BoundedBatchBuffer<Integer> buffer = buffer();
    List<Integer> reused = new ArrayList<>(PER_ROUND);
    double perItem =
        bytesPerItem(
            () -> {
              offer(buffer);
              reused.clear();
              buffer.drainTo(reused, PER_ROUND);
              sink += reused.size();
            });
    // the measuring calls themselves cost a few hundred bytes in all: far below 0.1 B per item
    assertThat(perItem).as("bytes per item").isLessThan(0.1);
    assertThat(buffer.stats().drained()).isEqualTo(2L * ROUNDS * PER_ROUND);
  }

  @Test
  void batchOffersOfASteadySizeAllocateNothingPerItem() {
    threads.setThreadAllocatedMemoryEnabled(true);
    BoundedBatchBuffer<Integer> buffer = buffer();
    List<Integer> batch = new ArrayList<>(Collections.nCopies(PER_ROUND, ITEM));
    List<Integer> reused = new ArrayList<>(PER_ROUND);
    double perItem =
        bytesPerItem(
            () -> {
              offerBatch(buffer, batch);
              reused.clear();
              buffer.drainTo(reused, PER_ROUND);
            });
    assertThat(perItem).as("offerBatch + drainTo(list) bytes per item").isLessThan(0.1);
    assertThat(
            bytesPerItem(
                () -> {
                  offerBatch(buffer, batch);
                  buffer.drain();
                }))
        .as("offerBatch + drain() bytes per item")
        .isLessThan(0.1);
    assertThat(buffer.stats().drained()).isEqualTo(4L * ROUNDS * PER_ROUND);
  }

  @Test
  void aWholeFlushOfSmallBatchesInFlightAllocatesNothingPerItem() {
    threads.setThreadAllocatedMemoryEnabled(true);
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("alloc-many")
                    .capacity(512)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .drainBatchSize(512)
                    .build(),
                delivered -> sink += delivered.size())
            .build();
    List<Integer> pair = new ArrayList<>(Collections.nCopies(2, ITEM));
    int batchesPerRound = 200; // 400 items: 200 batches in flight, far more than 16
    double perItem =
        bytesPerItem(
            () -> {
              for (int i = 0; i < batchesPerRound; i++) {
                offerBatch(buffer, pair);
              }
              buffer.drain();
            },
            batchesPerRound * 2,
            ROUNDS / 20);
    assertThat(perItem).as("bytes per item with 200 batches in flight").isLessThan(0.1);
    assertThat(buffer.stats().drained()).isEqualTo(2L * (ROUNDS / 20) * batchesPerRound * 2);
  }

  private static void offerBatch(BoundedBatchBuffer<Integer> buffer, List<Integer> batch) {
    try {
      if (buffer.offerBatch(batch) != OfferResult.ACCEPTED) { // AssertJ here would allocate
        throw new AssertionError("batch refused: " + buffer.stats());
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void offerAndDrainToHandlerOrConsumerOrArrayAllocateNothingPerItem() {
    BoundedBatchBuffer<Integer> buffer = buffer();
    Consumer<Integer> consumer = item -> sink += item;
    Integer[] array = new Integer[PER_ROUND];
    assertThat(
            bytesPerItem(
                () -> {
                  offer(buffer);
                  buffer.drain();
                }))
        .as("drain() bytes per item")
        .isLessThan(0.1);
    assertThat(
            bytesPerItem(
                () -> {
                  offer(buffer);
                  buffer.drain(consumer, PER_ROUND);
                }))
        .as("drain(consumer) bytes per item")
        .isLessThan(0.1);
    assertThat(
            bytesPerItem(
                () -> {
                  offer(buffer);
                  buffer.drainTo(array);
                }))
        .as("drainTo(array) bytes per item")
        .isLessThan(0.1);
  }
}
