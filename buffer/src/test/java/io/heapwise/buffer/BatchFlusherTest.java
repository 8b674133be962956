package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchFlusherTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final List<Long> batchTimes = new CopyOnWriteArrayList<>();

  private BoundedBatchBuffer<Integer> buffer(int flushSize, Duration linger) {
    return BoundedBatchBuffer.<Integer>builder(
            BufferConfig.builder("flush")
                .capacity(1000)
                .overflowPolicy(OverflowPolicy.REJECT)
                .drainBatchSize(flushSize)
                .flusher(true)
                .flushSize(flushSize)
                .linger(linger)
                .build(),
            batch -> {
              batchTimes.add(System.nanoTime()); // before the batch: a test that sees it sees both
              batches.add(new ArrayList<>(batch));
            })
        .build();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test
  void flushesAFullBatchWithoutWaitingForTheLinger() throws Exception {
    try (BoundedBatchBuffer<Integer> buffer = buffer(10, Duration.ofMinutes(10))) {
      long start = System.nanoTime();
      buffer.offerBatch(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      // flushes() counts once the handler has returned, a moment after the batch is seen
      await(() -> buffer.flusher().orElseThrow().flushes() >= 1);
      assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      assertThat(batchTimes.get(0) - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
      assertThat(buffer.flusher()).hasValueSatisfying(f -> assertThat(f.flushes()).isEqualTo(1));
    }
  }

  @Test
  void flushesAPartialBatchOnceTheLingerHasPassed() throws Exception {
    try (BoundedBatchBuffer<Integer> buffer = buffer(100, Duration.ofMillis(200))) {
      long start = System.nanoTime();
      buffer.offer(1);
      buffer.offer(2); // both within the linger, unless this thread stalls for 200 ms
      await(() -> batches.stream().mapToInt(List::size).sum() == 2);
      assertThat(batches).containsExactly(List.of(1, 2));
      long waited = batchTimes.get(0) - start;
      assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(195));
      assertThat(waited).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }
  }

  @Test
  void survivesAThrowingConsumerAndCountsTheBatchAsFailed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<List<Integer>> failed = new CopyOnWriteArrayList<>();
    try (BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("boom")
                    .capacity(100)
                    .flusher(true)
                    .flushSize(2)
                    .drainBatchSize(2)
                    .linger(Duration.ofMillis(1))
                    .build(),
                batch -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("store down");
                  }
                  batches.add(new ArrayList<>(batch));
                })
            .errorHandler((batch, error) -> failed.add(new ArrayList<>(batch)))
            .build()) {
      buffer.offerBatch(List.of(1, 2));
      await(() -> !failed.isEmpty());
      buffer.offerBatch(List.of(3, 4));
      await(() -> !batches.isEmpty());
      assertThat(failed).containsExactly(List.of(1, 2));
      assertThat(batches).containsExactly(List.of(3, 4));
      assertThat(buffer.stats().failed()).isEqualTo(2);
      assertThat(buffer.flusher().orElseThrow().isRunning()).isTrue();
    }
  }

  @Test
  void closeStopsTheFlusherAfterAFinalFlush() throws Exception {
    BoundedBatchBuffer<Integer> buffer = buffer(1000, Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) {
      buffer.offer(i);
    }
    Thread thread = buffer.flusher().orElseThrow().thread();
    buffer.close();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
    List<Integer> all = new ArrayList<>();
    batches.forEach(all::addAll);
    assertThat(all).containsExactly(0, 1, 2, 3, 4);
    assertThat(buffer.stats().drained()).isEqualTo(5);
  }

  @Test
  void idleFlusherParksInsteadOfSpinning() throws Exception {
    try (BoundedBatchBuffer<Integer> buffer = buffer(10, Duration.ofMillis(1))) {
      Thread thread = buffer.flusher().orElseThrow().thread();
      await(() -> thread.getState() == Thread.State.WAITING);
      assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
      buffer.offer(7); // wakes it from idle
      await(() -> !batches.isEmpty());
      assertThat(batches).containsExactly(List.of(7));
    }
  }

  @Test
  void closeFromInsideTheHandlerDoesNotReenterAndTheFlusherDeliversTheRest() throws Exception {
    java.util.concurrent.atomic.AtomicReference<BoundedBatchBuffer<Integer>> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch offered = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger depth = new AtomicInteger();
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("self-close")
                    .capacity(10)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .flusher(true)
                    .flushSize(1)
                    .drainBatchSize(1)
                    .build(),
                batch -> {
                  if (depth.incrementAndGet() > 1) {
                    throw new IllegalStateException("handler re-entered");
                  }
                  try {
                    batches.add(new ArrayList<>(batch));
                    if (batch.get(0) == 1) {
                      inHandler.countDown();
                      offered.await(5, TimeUnit.SECONDS);
                      self.get().close();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    depth.decrementAndGet();
                  }
                })
            .build();
    self.set(buffer);
    buffer.offer(1);
    inHandler.await(5, TimeUnit.SECONDS);
    buffer.offer(2);
    buffer.offer(3);
    offered.countDown();
    Thread thread = buffer.flusher().orElseThrow().thread();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
    assertThat(buffer.offer(4)).isEqualTo(OfferResult.CLOSED);
  }
}
