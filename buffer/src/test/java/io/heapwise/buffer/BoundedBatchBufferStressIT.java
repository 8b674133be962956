package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.MemoryPressure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight producers offer 100,000 items each (single items and batches of 1..64) to one slow
 * consumer, under every policy. Each item is marked by whoever learns its fate (the consumer, the
 * drop listener, or the producer that got it back rejected) and must be marked exactly once; the
 * consumer sees each producer's items in increasing order and each batch whole; a sampler checks
 * both bounds throughout (and that no snapshot is inconsistent) while it turns memory pressure on
 * and off every millisecond or so (the capacity halves under CRITICAL, items already in stay); and
 * the counters obey {@code offered = accepted + rejected + dropped + callerRan} exactly, matching
 * the tallies of producers, consumer and listener.
 */
class BoundedBatchBufferStressIT {

  private static final int PRODUCERS = 8;
  private static final int ITEMS = 100_000;
  private static final int CAPACITY = 256;
  private static final long MAX_BYTES = 1_000;
  private static final int MAX_BATCH = 64;

  private static long id(int producer, int seq) {
    return ((long) producer << 32) | seq;
  }

  private static int producerOf(long id) {
    return (int) (id >>> 32);
  }

  private static int seqOf(long id) {
    return (int) id;
  }

  private static long weight(long id) {
    return 1 + (id % 7); // a batch of 64 weighs at most 448 <= MAX_BYTES
  }

  /** With a byte bound: items and bytes reserved together, in one word. */
  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void everyItemAccountedForExactlyOnce(OverflowPolicy policy) throws Exception {
    run(policy, true);
  }

  /** Without one: the producers' and the consumer's counts apart (EntryRing). */
  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void everyItemAccountedForExactlyOnceWithoutAByteBound(OverflowPolicy policy) throws Exception {
    run(policy, false);
  }

  private void run(OverflowPolicy policy, boolean bytesBounded) throws Exception {
    AtomicIntegerArray[] fates = new AtomicIntegerArray[PRODUCERS];
    int[][] batchStart = new int[PRODUCERS][ITEMS]; // seq of the first item of the item's batch
    int[] lastReceived = new int[PRODUCERS]; // guarded by the buffer's single-consumer guarantee
    for (int p = 0; p < PRODUCERS; p++) {
      fates[p] = new AtomicIntegerArray(ITEMS);
      lastReceived[p] = -1;
    }
    AtomicReference<String> violation = new AtomicReference<>();
    AtomicLong received = new AtomicLong();
    AtomicLong droppedTally = new AtomicLong();
    AtomicLong rejectedTally = new AtomicLong();
    AtomicLong callerRanTally = new AtomicLong();
    BoundedBatchBuffer<Long> buffer =
        BoundedBatchBuffer.<Long>builder(
                BufferConfig.builder("stress-" + policy)
                    .capacity(CAPACITY)
                    .maxBytes(bytesBounded ? MAX_BYTES : 0)
                    .overflowPolicy(policy)
                    .blockTimeout(Duration.ofMillis(5))
                    .drainBatchSize(MAX_BATCH)
                    .build(),
                batch -> {
                  for (int i = 0; i < batch.size(); i++) {
                    long id = batch.get(i);
                    int p = producerOf(id);
                    int seq = seqOf(id);
                    if (seq <= lastReceived[p]) {
                      violation.compareAndSet(null, "producer order broken at " + p + "/" + seq);
                    }
                    lastReceived[p] = seq;
                    if (batchStart[p][seq] != seq && (i == 0 || batch.get(i - 1) != id - 1)) {
                      violation.compareAndSet(null, "batch split at " + p + "/" + seq);
                    }
                    fates[p].incrementAndGet(seq);
                  }
                  received.addAndGet(batch.size());
                  LockSupport.parkNanos(20_000); // a slow store
                })
            .weigher(BoundedBatchBufferStressIT::weight)
            .dropListener(
                id -> {
                  fates[producerOf(id)].incrementAndGet(seqOf(id));
                  droppedTally.incrementAndGet();
                })
            .build();

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger pressureChanges = new AtomicInteger();
    Thread sampler =
        new Thread(
            () -> {
              MemoryPressure pressure = MemoryPressure.NORMAL;
              for (int sample = 1; running.get(); sample++) {
                if (sample % 10 == 0) {
                  MemoryPressure next =
                      pressure == MemoryPressure.NORMAL
                          ? MemoryPressure.CRITICAL
                          : MemoryPressure.NORMAL;
                  buffer.onPressureChange(pressure, next);
                  pressure = next;
                  pressureChanges.incrementAndGet();
                }
                BufferStats stats = buffer.stats();
                if (stats.items() > CAPACITY || stats.bytes() > MAX_BYTES) {
                  violation.compareAndSet(null, "bound exceeded: " + stats);
                }
                if (stats.accepted() < 0 || stats.accepted() + stats.dropped() < stats.drained()) {
                  violation.compareAndSet(null, "inconsistent snapshot: " + stats);
                }
                LockSupport.parkNanos(100_000);
              }
            });
    Thread consumer =
        new Thread(
            () -> {
              while (running.get()) {
                if (buffer.drain() == 0) {
                  LockSupport.parkNanos(50_000);
                }
              }
            });
    sampler.start();
    consumer.start();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread thread =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(producer);
                List<Long> batch = new ArrayList<>(MAX_BATCH);
                int seq = 0;
                try {
                  while (seq < ITEMS) {
                    OfferResult result;
                    int count;
                    if (random.nextInt(3) == 0) {
                      count = 1;
                      batchStart[producer][seq] = seq;
                      result = buffer.offer(id(producer, seq));
                    } else {
                      count = Math.min(ITEMS - seq, 1 + random.nextInt(MAX_BATCH));
                      batch.clear();
                      for (int i = 0; i < count; i++) {
                        batchStart[producer][seq + i] = seq;
                        batch.add(id(producer, seq + i));
                      }
                      result = buffer.offerBatch(batch);
                    }
                    if (!result.isAccepted()) {
                      for (int i = 0; i < count; i++) {
                        fates[producer].incrementAndGet(seq + i);
                      }
                      rejectedTally.addAndGet(count);
                    } else if (result == OfferResult.CALLER_RAN) {
                      callerRanTally.addAndGet(count);
                    }
                    seq += count;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "producer-" + p);
      producers.add(thread);
      thread.start();
    }
    for (Thread producer : producers) {
      producer.join();
    }
    running.set(false);
    consumer.join();
    sampler.join();
    buffer.close(); // delivers what is left

    assertThat(violation.get()).isNull();
    assertThat(pressureChanges.get()).as("pressure changes during the run").isPositive();
    for (int p = 0; p < PRODUCERS; p++) {
      for (int seq = 0; seq < ITEMS; seq++) {
        if (fates[p].get(seq) != 1) {
          assertThat(fates[p].get(seq)).as("fate count of item %d/%d", p, seq).isEqualTo(1);
        }
      }
    }
    BufferStats stats = buffer.stats();
    long offered = (long) PRODUCERS * ITEMS;
    assertThat(stats.offered()).isEqualTo(offered);
    assertThat(stats.accepted() + stats.rejected() + stats.dropped() + stats.callerRan())
        .isEqualTo(offered);
    assertThat(stats.rejected()).isEqualTo(rejectedTally.get());
    assertThat(stats.dropped()).isEqualTo(droppedTally.get());
    assertThat(stats.callerRan()).isEqualTo(callerRanTally.get());
    assertThat(stats.drained() + stats.callerRan()).isEqualTo(received.get());
    assertThat(stats.accepted()).isEqualTo(stats.drained());
    assertThat(stats.items()).isZero();
    assertThat(stats.bytes()).isZero();
    assertThat(stats.highWaterItems()).isLessThanOrEqualTo(CAPACITY);
    assertThat(stats.highWaterBytes()).isLessThanOrEqualTo(MAX_BYTES);
    switch (policy) {
      case REJECT -> assertThat(stats.rejected()).isPositive();
      case DROP_OLDEST -> assertThat(stats.dropped()).isPositive();
      case CALLER_RUNS -> assertThat(stats.callerRan()).isPositive();
      case BLOCK -> assertThat(stats.blockedCount()).isPositive();
    }
  }
}
