package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight producers offer single items and batches while one consumer drains: every admitted item is
 * delivered exactly once, batches arrive whole and in order, nothing is both delivered and dropped,
 * every offered item is accounted for, and the bound is never exceeded.
 */
class BoundedBatchBufferStressIT {

  private static final int PRODUCERS = 8;
  private static final int OFFERS = 20_000;
  private static final int CAPACITY = 100;

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void nothingLostNothingDuplicated(OverflowPolicy policy) throws Exception {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    Set<Long> dropped = ConcurrentHashMap.newKeySet();
    AtomicReference<String> violation = new AtomicReference<>();
    BoundedBatchBuffer<Long> buffer =
        BoundedBatchBuffer.<Long>builder(
                BufferConfig.builder("stress")
                    .capacity(CAPACITY)
                    .overflowPolicy(policy)
                    .blockTimeout(Duration.ofMillis(20))
                    .drainBatchSize(32)
                    .build(),
                batch -> {
                  // items of one producer batch carry consecutive ids: they must arrive together
                  for (int i = 0; i < batch.size(); i++) {
                    long id = batch.get(i);
                    if (!seen.add(id)) {
                      violation.compareAndSet(null, "delivered twice: " + id);
                    }
                    long position = id % 10;
                    if (position > 0 && position < 3 && (i == 0 || batch.get(i - 1) != id - 1)) {
                      violation.compareAndSet(null, "batch split or reordered at " + id);
                    }
                  }
                })
            .dropListener(dropped::add)
            .build();
    AtomicLong acceptedItems = new AtomicLong();
    AtomicLong rejectedItems = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread consumer =
        new Thread(
            () -> {
              while (producing.get() || buffer.size() > 0) {
                if (buffer.drain() == 0) {
                  Thread.onSpinWait();
                }
                if (buffer.size() > CAPACITY) {
                  violation.compareAndSet(null, "size above capacity: " + buffer.size());
                }
              }
            });
    consumer.start();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      long base = p * 10_000_000L;
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < OFFERS; i++) {
                    long id = base + i * 10L;
                    OfferResult result =
                        i % 4 == 0
                            ? buffer.offerBatch(List.of(id, id + 1, id + 2))
                            : buffer.offer(id);
                    int count = i % 4 == 0 ? 3 : 1;
                    (result.isAccepted() ? acceptedItems : rejectedItems).addAndGet(count);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      producers.add(producer);
      producer.start();
    }
    for (Thread producer : producers) {
      producer.join();
    }
    producing.set(false);
    consumer.join();

    assertThat(violation.get()).isNull();
    Set<Long> both = new HashSet<>(seen);
    both.retainAll(dropped);
    assertThat(both).as("delivered and dropped").isEmpty();
    assertThat((long) seen.size() + dropped.size()).isEqualTo(acceptedItems.get());
    BufferStats stats = buffer.stats();
    long offered = (long) PRODUCERS * (OFFERS / 4 * 3 + OFFERS * 3 / 4);
    assertThat(stats.offered()).isEqualTo(offered);
    assertThat(stats.accepted()).isEqualTo(acceptedItems.get());
    assertThat(stats.rejected()).isEqualTo(rejectedItems.get());
    assertThat(stats.accepted() + stats.rejected()).isEqualTo(offered);
    assertThat(stats.delivered()).isEqualTo(seen.size());
    assertThat(stats.dropped()).isEqualTo(dropped.size());
    assertThat(stats.highWaterItems()).isLessThanOrEqualTo(CAPACITY);
    assertThat(stats.items()).isZero();
  }
}
