package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.core.MemoryPressure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CALLER_RUNS offer that finds the buffer full while another thread delivers backs off (yields
 * and looks for room again) instead of queueing for the consumer's role at once, and queues once
 * its back-off has passed. Each test holds a delivery open (a {@code drain} whose consumer waits),
 * so the consumer's role stays taken and the delivered items' room stays reserved until it ends.
 */
class CallerRunsBackOffTest {

  private final List<List<Integer>> handled = new CopyOnWriteArrayList<>();
  private final List<Integer> heldDeliveryGot = new CopyOnWriteArrayList<>();
  private final CountDownLatch deliveryStarted = new CountDownLatch(1);
  private final CountDownLatch endDelivery = new CountDownLatch(1);
  private final AtomicReference<Thread> producer = new AtomicReference<>();
  private final AtomicLong offerReturnedAt = new AtomicLong();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Future<Integer> heldDelivery;

  @AfterEach
  void endDeliveryAndStopThreads() throws InterruptedException {
    endDelivery.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private BoundedBatchBuffer<Integer> buffer(int capacity, Duration backOff) {
    return BoundedBatchBuffer.<Integer>builder(
            BufferConfig.builder("caller-runs-back-off")
                .capacity(capacity)
                .overflowPolicy(OverflowPolicy.CALLER_RUNS)
                .build(),
            batch -> handled.add(new ArrayList<>(batch)))
        .callerRunsBackOff(backOff)
        .build();
  }

  /** Fills the buffer with 1..capacity and starts a delivery of {@code items} that stays open. */
  private BoundedBatchBuffer<Integer> fullBufferMidDelivery(
      int capacity, int items, Duration backOff) throws Exception {
    BoundedBatchBuffer<Integer> buffer = buffer(capacity, backOff);
    for (int i = 1; i <= capacity; i++) {
      assertThat(buffer.offer(i)).isEqualTo(OfferResult.ACCEPTED);
    }
    heldDelivery =
        threads.submit(
            () ->
                buffer.drain(
                    item -> {
                      heldDeliveryGot.add(item);
                      deliveryStarted.countDown();
                      awaitUninterruptibly(endDelivery);
                    },
                    items));
    assertThat(deliveryStarted.await(5, TimeUnit.SECONDS)).isTrue();
    return buffer;
  }

  private Future<OfferResult> offerOnAnotherThread(BoundedBatchBuffer<Integer> buffer, int item)
      throws InterruptedException {
    return onAnotherThread(() -> buffer.offer(item));
  }

  /** Runs {@code offer} on a producer thread; {@link #offerReturnedAt} is set when it returns. */
  private Future<OfferResult> onAnotherThread(Callable<OfferResult> offer)
      throws InterruptedException {
    Future<OfferResult> result =
        threads.submit(
            () -> {
              producer.set(Thread.currentThread());
              try {
                return offer.call();
              } finally {
                offerReturnedAt.set(System.nanoTime());
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (producer.get() == null && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
    }
    assertThat(producer.get()).as("the producer thread started").isNotNull();
    return result;
  }

  /**
   * The producer's states over {@code watch}: with the buffer full and the role taken, its offer
   * can only be backing off (RUNNABLE: yielding) or queued for the role (WAITING: parked).
   */
  private List<Thread.State> producerStatesFor(Duration watch) throws InterruptedException {
    List<Thread.State> seen = new ArrayList<>();
    long end = System.nanoTime() + watch.toNanos();
    while (System.nanoTime() - end < 0) {
      seen.add(producer.get().getState());
      Thread.sleep(1);
    }
    return seen;
  }

  @Test
  void anOfferBackingOffDoesNotParkAndTakesTheRoomTheDeliveryFrees() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(2, 2, Duration.ofMinutes(1));

    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    List<Thread.State> seen = producerStatesFor(Duration.ofMillis(200));

    // queueing for the role would park it (WAITING) until the delivery ends
    assertThat(seen).doesNotContain(Thread.State.WAITING, Thread.State.TIMED_WAITING);
    assertThat(offer.isDone()).isFalse();
    endDelivery.countDown();
    assertThat(heldDelivery.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(heldDeliveryGot).containsExactly(1, 2);
    assertThat(handled).containsExactly(List.of(3));
    assertThat(buffer.stats().callerRan()).isZero();
    assertThat(buffer.stats().accepted()).isEqualTo(3);
  }

  /**
   * Waits until the producer is seen parked on the consumer lock, waiting for the role. It leaves
   * the lock's queue for a moment between its 1 ms waits, so what counts is having seen it there.
   */
  private void awaitProducerQueuedForTheRole(BoundedBatchBuffer<Integer> buffer)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean queued = buffer.isQueuedForConsumerRole(producer.get());
    while (!queued && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
      queued = buffer.isQueuedForConsumerRole(producer.get());
    }
    assertThat(queued).as("the producer waits for the consumer's role").isTrue();
  }

  /** The back-off is bounded: past it the offer parks in the role's queue, as it did before. */
  @Test
  void anOfferQueuesForTheRoleOnceItsBackOffHasPassed() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(2, 2, Duration.ofMillis(1));

    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    awaitProducerQueuedForTheRole(buffer);

    assertThat(offer.isDone()).isFalse();
    endDelivery.countDown();
    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(heldDeliveryGot).containsExactly(1, 2);
    assertThat(handled).containsExactly(List.of(3));
  }

  /**
   * A back-off that finds the role free but still no room (here the capacity was lowered under
   * pressure below what the buffer holds) runs the offer in the caller: what is queued first, in
   * order, then its own item.
   */
  @Test
  void anOfferBackingOffThatFindsTheRoleFreeButNoRoomRunsItInTheCaller() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(4, 1, Duration.ofMinutes(1));
    buffer.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL); // admits 2 of 4
    Future<OfferResult> offer = offerOnAnotherThread(buffer, 5);
    assertThat(producerStatesFor(Duration.ofMillis(50))).doesNotContain(Thread.State.WAITING);
    assertThat(offer.isDone()).isFalse();

    endDelivery.countDown(); // gives back the room of item 1: 3 items held, 2 admitted

    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.CALLER_RAN);
    assertThat(heldDeliveryGot).containsExactly(1);
    assertThat(handled).containsExactly(List.of(2, 3, 4), List.of(5));
    BufferStats stats = buffer.stats();
    assertThat(stats.callerRan()).isEqualTo(1);
    assertThat(stats.drained()).isEqualTo(4);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.callerRan()).isEqualTo(5);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void closeEndsAnOfferBackingOffWithoutWaitingForTheDelivery() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(2, 2, Duration.ofMinutes(1));
    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    assertThat(producerStatesFor(Duration.ofMillis(50))).doesNotContain(Thread.State.WAITING);
    assertThat(offer.isDone()).isFalse(); // backing off: full buffer, role taken

    // close() itself waits for the role, which the open delivery holds; the offer does not
    CompletableFuture<Void> closing = CompletableFuture.runAsync(buffer::close);

    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.CLOSED);
    assertThat(heldDelivery.isDone()).isFalse(); // the delivery is still open
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected()).isEqualTo(3);
    endDelivery.countDown();
    closing.get(5, TimeUnit.SECONDS);
    assertThat(buffer.stats().drained()).isEqualTo(2);
    assertThat(buffer.size()).isZero();
  }

  /**
   * Nothing wakes a thread parked on a lock but its unlock, and the open delivery holds the lock
   * until the test ends it: close() must still end the wait, within its 10 ms.
   */
  @Test
  void closeEndsAnOfferWaitingForTheRoleWithin10MsWithoutWaitingForTheDelivery() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(2, 2, Duration.ZERO);
    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    awaitProducerQueuedForTheRole(buffer);
    Thread.sleep(20); // several of its waits for the role have timed out and begun again
    assertThat(offer.isDone()).isFalse();

    AtomicLong closeCalledAt = new AtomicLong();
    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(
            () -> {
              closeCalledAt.set(System.nanoTime());
              buffer.close();
            });

    assertThat(offer.get(5, TimeUnit.SECONDS)).isEqualTo(OfferResult.CLOSED);
    assertThat(TimeUnit.NANOSECONDS.toMillis(offerReturnedAt.get() - closeCalledAt.get()))
        .as("ms from close() to the offer's return")
        .isLessThan(10);
    assertThat(heldDelivery.isDone()).isFalse();
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(1);
    assertThat(stats.callerRan()).isZero();
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected()).isEqualTo(3);
    endDelivery.countDown();
    closing.get(5, TimeUnit.SECONDS);
    assertThat(heldDeliveryGot).containsExactly(1, 2);
    assertThat(handled).isEmpty();
    assertThat(buffer.size()).isZero();
  }

  @Test
  void anInterruptEndsAnOfferWaitingForTheRoleWithNothingAdmitted() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(2, 2, Duration.ZERO);
    Future<OfferResult> offer = offerOnAnotherThread(buffer, 3);
    awaitProducerQueuedForTheRole(buffer);

    producer.get().interrupt();

    assertThatThrownBy(() -> offer.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InterruptedException.class);
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected()).isEqualTo(3);
    endDelivery.countDown();
    assertThat(heldDelivery.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(buffer.offer(4)).isEqualTo(OfferResult.ACCEPTED); // the buffer works on
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(heldDeliveryGot).containsExactly(1, 2);
    assertThat(handled).containsExactly(List.of(4));
  }

  /**
   * A batch waiting for the role is held in a recycled array: an interrupt must give that array
   * back exactly once. Given back twice, the next two batches would share it, and the second copy
   * would overwrite the first while it is queued.
   */
  @Test
  void anInterruptedBatchWaitingForTheRoleGivesItsArrayBackOnce() throws Exception {
    BoundedBatchBuffer<Integer> buffer = fullBufferMidDelivery(4, 4, Duration.ZERO);
    Future<OfferResult> offer = onAnotherThread(() -> buffer.offerBatch(List.of(5, 6)));
    awaitProducerQueuedForTheRole(buffer);

    producer.get().interrupt();

    assertThatThrownBy(() -> offer.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InterruptedException.class);
    endDelivery.countDown();
    assertThat(heldDelivery.get(5, TimeUnit.SECONDS)).isEqualTo(4);
    assertThat(buffer.offerBatch(List.of(10, 11))).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offerBatch(List.of(12, 13))).isEqualTo(OfferResult.ACCEPTED);
    List<Integer> drained = new ArrayList<>();
    assertThat(buffer.drainTo(drained, 4)).isEqualTo(4);
    assertThat(drained).containsExactly(10, 11, 12, 13);
    assertThat(heldDeliveryGot).containsExactly(1, 2, 3, 4);
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(2);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected()).isEqualTo(10);
  }

  @Test
  void aNegativeBackOffIsRefusedWithItsValue() {
    BoundedBatchBuffer.Builder<Integer> builder =
        BoundedBatchBuffer.builder(BufferConfig.builder("negative").build(), batch -> {});

    assertThatThrownBy(() -> builder.callerRunsBackOff(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "buffer 'negative': caller-runs back-off must be 0 or more, was PT-0.000000001S");
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
