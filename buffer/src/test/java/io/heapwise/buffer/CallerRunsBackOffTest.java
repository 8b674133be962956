package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CALLER_RUNS offer that finds the buffer full while another thread delivers backs off (looks for
 * room again, yielding) instead of queueing for the consumer's role at once, and queues once its
 * back-off has passed. Each test holds a delivery open in the handler, so the buffer stays full
 * (room comes back when a delivery ends) and the consumer's role stays taken.
 */
class CallerRunsBackOffTest {

  private final List<List<Integer>> deliveries = new CopyOnWriteArrayList<>();
  private final CountDownLatch deliveryStarted = new CountDownLatch(1);
  private final CountDownLatch endDelivery = new CountDownLatch(1);
  private final AtomicReference<Thread> producer = new AtomicReference<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void endDeliveryAndStopThreads() throws InterruptedException {
    endDelivery.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  /** A full buffer of two, its delivery of 1 and 2 held open by the handler on another thread. */
  private BoundedBatchBuffer<Integer> fullBufferMidDelivery(Duration backOff) throws Exception {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("caller-runs-back-off")
                    .capacity(2)
                    .overflowPolicy(OverflowPolicy.CALLER_RUNS)
                    .closeTimeout(Duration.ofMillis(50))
                    .build(),
                batch -> {
                  deliveries.add(new ArrayList<>(batch));
                  if (deliveries.size() == 1) {
                    deliveryStarted.countDown();
                    awaitUninterruptibly(endDelivery);
                  }
                })
            .callerRunsBackOff(backOff)
            .build();
    assertThat(buffer.offer(1)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offer(2)).isEqualTo(OfferResult.ACCEPTED);
    Future<Integer> drained = threads.submit(() -> buffer.drain());
    assertThat(drained.isDone()).isFalse();
    assertThat(deliveryStarted.await(5, TimeUnit.SECONDS)).isTrue();
    return buffer;
  }

  private Future<OfferResult> offerOnAnotherThread(BoundedBatchBuffer<Integer> buffer, int item) {
    return threads.submit(
        () -> {
          producer.set(Thread.currentThread());
          return buffer.offer(item);
        });
  }

  @Test
  void anOfferBackingOffDoesNotParkAndTakesTheRoomTheDeliveryFrees() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(Duration.ofMinutes(1));

    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    List<Thread.State> seen = statesOfProducerFor(Duration.ofMillis(200));

    // queueing for the role would park it (WAITING) until the delivery ends
    assertThat(seen).isNotEmpty().doesNotContain(Thread.State.WAITING, Thread.State.TIMED_WAITING);
    assertThat(offer.isDone()).isFalse();
    endDelivery.countDown();
    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(deliveries).containsExactly(List.of(1, 2), List.of(3));
    assertThat(buffer.stats().callerRan()).isZero();
    assertThat(buffer.stats().accepted()).isEqualTo(3);
  }

  @Test
  void anOfferQueuesForTheRoleOnceItsBackOffHasPassed() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(Duration.ofMillis(1));

    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (producerState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
    }

    assertThat(producerState()).isEqualTo(Thread.State.WAITING); // parked in the role's queue
    assertThat(offer.isDone()).isFalse();
    endDelivery.countDown();
    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(deliveries).containsExactly(List.of(1, 2), List.of(3));
  }

  @Test
  void closeEndsAnOfferBackingOffWithoutWaitingForTheDelivery() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(Duration.ofMinutes(1));
    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    statesOfProducerFor(Duration.ofMillis(20));

    // close() waits (its close-timeout) for the role the open delivery holds; the offer does not
    CompletableFuture<Void> closing = CompletableFuture.runAsync(buffer::close);

    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.CLOSED);
    assertThat(deliveries).containsExactly(List.of(1, 2)); // still open
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected()).isEqualTo(3);
    endDelivery.countDown();
    closing.get(5, TimeUnit.SECONDS);
    assertThat(buffer.stats().drained()).isEqualTo(2);
    assertThat(buffer.size()).isZero();
  }

  private List<Thread.State> statesOfProducerFor(Duration watch) throws InterruptedException {
    List<Thread.State> seen = new ArrayList<>();
    long end = System.nanoTime() + watch.toNanos();
    while (System.nanoTime() - end < 0) {
      Thread.State state = producerState();
      if (state != null) {
        seen.add(state);
      }
      Thread.sleep(1);
    }
    return seen;
  }

  private Thread.State producerState() {
    Thread thread = producer.get();
    return thread == null ? null : thread.getState();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
