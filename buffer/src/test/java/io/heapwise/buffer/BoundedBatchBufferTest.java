package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedBatchBufferTest {

  private final List<List<Integer>> deliveries = new CopyOnWriteArrayList<>();
  private final List<Integer> droppedItems = new CopyOnWriteArrayList<>();

  private BoundedBatchBuffer<Integer> buffer(int capacity, OverflowPolicy policy) {
    return BoundedBatchBuffer.<Integer>builder(
            BufferConfig.builder("test")
                .capacity(capacity)
                .overflowPolicy(policy)
                .blockTimeout(Duration.ofMillis(50))
                .drainBatchSize(4)
                .build(),
            batch -> deliveries.add(new ArrayList<>(batch)))
        .dropListener(droppedItems::add)
        .build();
  }

  private List<Integer> delivered() {
    List<Integer> all = new ArrayList<>();
    deliveries.forEach(all::addAll);
    return all;
  }

  @Test
  void holdsExactlyItsCapacityAndRejectsBeyond() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(5, OverflowPolicy.REJECT);
    for (int i = 0; i < 5; i++) {
      assertThat(buffer.offer(i)).isEqualTo(OfferResult.ACCEPTED);
    }
    assertThat(buffer.offer(5)).isEqualTo(OfferResult.REJECTED);
    assertThat(buffer.size()).isEqualTo(5);

    assertThat(buffer.drain()).isEqualTo(4);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(delivered()).containsExactly(0, 1, 2, 3, 4);
    BufferStats stats = buffer.stats();
    assertThat(stats.offered()).isEqualTo(6);
    assertThat(stats.accepted()).isEqualTo(5);
    assertThat(stats.rejected()).isEqualTo(1);
    assertThat(stats.drained()).isEqualTo(5);
    assertThat(stats.highWaterItems()).isEqualTo(5);
  }

  @Test
  void batchIsAllOrNothingAndDeliveredWholeAndInOrder() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(6, OverflowPolicy.REJECT);
    buffer.offer(0);
    assertThat(buffer.offerBatch(List.of(1, 2, 3, 4, 5))).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offerBatch(List.of(6, 7))).isEqualTo(OfferResult.REJECTED);
    assertThat(buffer.size()).isEqualTo(6);

    buffer.drain();
    buffer.drain();
    // the 5-item batch is never split, even though a delivery normally holds at most 4
    assertThat(deliveries).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
  }

  @Test
  void batchesOfEverySizeAndShapeArriveExactlyAsOfferedWhileTheirArraysAreReused()
      throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("shapes")
                    .capacity(1_000)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .drainBatchSize(1_000)
                    .build(),
                batch -> deliveries.add(new ArrayList<>(batch)))
            .build();
    List<List<Integer>> offered = new ArrayList<>();
    int next = 0;
    // sizes around the recycler's size classes and past the largest kept array (256)
    int[] sizes = {2, 8, 9, 3, 300, 16, 17, 2, 256, 257, 5, 64, 1};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < sizes.length; i++) {
        List<Integer> items = new ArrayList<>();
        for (int k = 0; k < sizes[i]; k++) {
          items.add(next++);
        }
        // a RandomAccess list, an ordered set and a deque take different copying paths
        Collection<Integer> shaped =
            switch (i % 3) {
              case 0 -> items;
              case 1 -> new LinkedHashSet<>(items);
              default -> new ArrayDeque<>(items);
            };
        assertThat(buffer.offerBatch(shaped)).isEqualTo(OfferResult.ACCEPTED);
        offered.add(items);
        buffer.drain(); // each batch alone in its delivery, so its array goes back at once
      }
    }
    assertThat(deliveries).containsExactlyElementsOf(offered);
    assertThat(buffer.stats().drained()).isEqualTo(next);
  }

  /** A collection that says it holds three items but yields {@code yields}: changed meanwhile. */
  private static Collection<Integer> shrunkTo(List<Integer> yields) {
    return new AbstractCollection<>() {
      @Override
      public Iterator<Integer> iterator() {
        return yields.iterator();
      }

      @Override
      public int size() {
        return 3;
      }
    };
  }

  @Test
  void aBatchThatShrankWhileCopiedCountsWhatItHeld() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(10, OverflowPolicy.REJECT);
    assertThat(buffer.offerBatch(shrunkTo(List.of()))).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offerBatch(shrunkTo(List.of(9)))).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.size()).isEqualTo(1);
    buffer.drain();
    assertThat(deliveries).containsExactly(List.of(9));
    BufferStats stats = buffer.stats();
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(1);
    assertThat(stats.drained()).isEqualTo(1);
  }

  @Test
  void aNullInsideABatchAdmitsNothingAndTheBufferKeepsWorking() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(10, OverflowPolicy.REJECT);
    Set<Integer> withNull = new HashSet<>(Arrays.asList(1, 2, null)); // not a List
    assertThatThrownBy(() -> buffer.offerBatch(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("batch item");
    assertThatThrownBy(() -> buffer.offerBatch(Arrays.asList(1, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("batch item");
    assertThat(buffer.size()).isZero();
    assertThat(buffer.stats().offered()).isZero();

    assertThat(buffer.offerBatch(List.of(3, 4, 5))).isEqualTo(OfferResult.ACCEPTED);
    buffer.drain();
    assertThat(deliveries).containsExactly(List.of(3, 4, 5));
  }

  @Test
  void batchLargerThanCapacityFailsAtOnceNamingBothSizes() {
    BoundedBatchBuffer<Integer> buffer = buffer(3, OverflowPolicy.BLOCK);
    assertThatThrownBy(() -> buffer.offerBatch(List.of(1, 2, 3, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'test'")
        .hasMessageContaining("batch of 4 items")
        .hasMessageContaining("capacity 3");
    assertThat(buffer.stats().offered()).isZero();
  }

  @Test
  void byteBoundIsExactToo() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("bytes")
                    .capacity(100)
                    .maxBytes(10)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .build(),
                batch -> deliveries.add(new ArrayList<>(batch)))
            .weigher(item -> item)
            .build();
    assertThat(buffer.offer(6)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offer(5)).isEqualTo(OfferResult.REJECTED);
    assertThat(buffer.offer(4)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.stats().bytes()).isEqualTo(10);
    assertThatThrownBy(() -> buffer.offer(11)).hasMessageContaining("weighs 11 bytes");
    assertThatThrownBy(() -> buffer.offerBatch(List.of(6, 6)))
        .hasMessageContaining("12 bytes")
        .hasMessageContaining("max-bytes 10");
    buffer.drain();
    assertThat(buffer.stats().bytes()).isZero();
    assertThat(buffer.stats().highWaterBytes()).isEqualTo(10);
  }

  /** An item whose weight changes after it is offered, or whose weigher then throws. */
  private static final class Parcel {
    final int id;
    volatile long weight;
    volatile boolean poisoned;

    Parcel(int id, long weight) {
      this.id = id;
      this.weight = weight;
    }

    /** The weigher of these tests: the parcel's weight now, or an exception once poisoned. */
    static long weighOrFail(Parcel parcel) {
      if (parcel.poisoned) {
        throw new IllegalStateException("weigher fails on " + parcel);
      }
      return parcel.weight;
    }

    @Override
    public String toString() {
      return "parcel " + id;
    }
  }

  private BoundedBatchBuffer<Parcel> fickleBuffer(
      int capacity, OverflowPolicy policy, List<List<Parcel>> delivered, List<Parcel> dropped) {
    return BoundedBatchBuffer.<Parcel>builder(
            BufferConfig.builder("fickle")
                .capacity(capacity)
                .maxBytes(100)
                .overflowPolicy(policy)
                .drainBatchSize(10)
                .build(),
            batch -> delivered.add(new ArrayList<>(batch)))
        .weigher(Parcel::weighOrFail)
        .dropListener(dropped::add)
        .build();
  }

  @Test
  void deliveredItemsGiveBackTheBytesTheyTookWhateverTheWeigherSaysLater()
      throws InterruptedException {
    List<List<Parcel>> delivered = new ArrayList<>();
    BoundedBatchBuffer<Parcel> buffer =
        fickleBuffer(10, OverflowPolicy.REJECT, delivered, new ArrayList<>());
    Parcel a = new Parcel(1, 40);
    Parcel b = new Parcel(2, 30);
    Parcel c = new Parcel(3, 20);
    buffer.offer(a);
    buffer.offerBatch(List.of(b, c));
    a.weight = 95; // heavier now
    b.poisoned = true; // the weigher throws on it now
    c.weight = 0;

    assertThat(buffer.stats().bytes()).isEqualTo(90);
    assertThat(buffer.drain()).isEqualTo(3);
    assertThat(delivered).containsExactly(List.of(a, b, c));
    assertThat(buffer.stats().bytes()).isZero();
    assertThat(buffer.stats().items()).isZero();

    // the same through a caller's list, which gives the room back as it takes the items
    Parcel d = new Parcel(4, 60);
    buffer.offer(d);
    d.poisoned = true;
    List<Parcel> into = new ArrayList<>();
    assertThat(buffer.drainTo(into, 10)).isEqualTo(1);
    assertThat(into).containsExactly(d);
    assertThat(buffer.stats().bytes()).isZero();
    assertThat(buffer.offer(new Parcel(5, 100)))
        .as("the whole byte bound is free again")
        .isEqualTo(OfferResult.ACCEPTED);
  }

  @Test
  void everyWayOutGivesBackTheAdmittedBytes() throws InterruptedException {
    List<List<Parcel>> delivered = new ArrayList<>();
    List<Parcel> failed = new ArrayList<>();
    BoundedBatchBuffer<Parcel> buffer =
        BoundedBatchBuffer.<Parcel>builder(
                BufferConfig.builder("fickle-ways")
                    .capacity(4)
                    .maxBytes(100)
                    .overflowPolicy(OverflowPolicy.CALLER_RUNS)
                    .drainBatchSize(3)
                    .build(),
                batch -> delivered.add(new ArrayList<>(batch)))
            .weigher(Parcel::weighOrFail)
            .errorHandler((batch, error) -> failed.addAll(batch))
            .build();
    Parcel[] p = new Parcel[12];
    for (int i = 0; i < p.length; i++) {
      p[i] = new Parcel(i, 10);
    }

    // a batch that does not fit in the first delivery waits as the pending entry
    buffer.offer(p[0]);
    buffer.offerBatch(List.of(p[1], p[2], p[3]));
    poison(p[0], p[1], p[2], p[3]);
    assertThat(buffer.drain()).isEqualTo(1);
    assertThat(buffer.stats().bytes()).isEqualTo(30);
    assertThat(buffer.drain()).isEqualTo(3);
    assertThat(delivered).containsExactly(List.of(p[0]), List.of(p[1], p[2], p[3]));
    assertThat(buffer.stats().bytes()).isZero();

    // a consumer that throws: the rest goes to the error handler, the room comes back
    buffer.offer(p[4]);
    buffer.offer(p[5]);
    poison(p[4], p[5]);
    List<Parcel> taken = new ArrayList<>();
    buffer.drain(
        parcel -> {
          if (!taken.isEmpty()) {
            throw new IllegalStateException("consumer fails on " + parcel);
          }
          taken.add(parcel);
        },
        10);
    assertThat(taken).containsExactly(p[4]);
    assertThat(failed).containsExactly(p[5]);
    assertThat(buffer.stats().bytes()).isZero();

    // into an array
    buffer.offer(p[6]);
    poison(p[6]);
    Parcel[] into = new Parcel[2];
    assertThat(buffer.drainTo(into)).isEqualTo(1);
    assertThat(into[0]).isSameAs(p[6]);
    assertThat(buffer.stats().bytes()).isZero();

    // full: the producer delivers what is queued, then its own item
    buffer.offerBatch(List.of(p[7], p[8], p[9], p[10]));
    poison(p[7], p[8], p[9], p[10]);
    assertThat(buffer.offer(p[11])).isEqualTo(OfferResult.CALLER_RAN);
    assertThat(delivered).endsWith(List.of(p[7], p[8], p[9], p[10]), List.of(p[11]));
    assertThat(buffer.stats().bytes()).isZero();

    // what close() flushes gives its room back too
    Parcel last = new Parcel(12, 40);
    buffer.offer(last);
    poison(last);
    buffer.close();
    assertThat(delivered).endsWith(List.of(last));
    assertThat(buffer.stats().bytes()).isZero();
    assertThat(buffer.stats().items()).isZero();
  }

  private static void poison(Parcel... parcels) {
    for (Parcel parcel : parcels) {
      parcel.poisoned = true;
    }
  }

  @Test
  void aDroppedItemIsHandedOverWithItsRoomEvenWhenTheWeigherWouldNowThrow()
      throws InterruptedException {
    List<List<Parcel>> delivered = new ArrayList<>();
    List<Parcel> dropped = new ArrayList<>();
    BoundedBatchBuffer<Parcel> buffer =
        fickleBuffer(3, OverflowPolicy.DROP_OLDEST, delivered, dropped);
    Parcel a = new Parcel(1, 10);
    Parcel b = new Parcel(2, 10);
    Parcel c = new Parcel(3, 10);
    buffer.offer(a);
    buffer.offerBatch(List.of(b, c));
    a.poisoned = true;
    b.poisoned = true;

    Parcel d = new Parcel(4, 10);
    assertThat(buffer.offer(d)).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);
    assertThat(dropped).containsExactly(a);
    Parcel e = new Parcel(5, 10);
    Parcel f = new Parcel(6, 10);
    assertThat(buffer.offerBatch(List.of(e, f))).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);
    assertThat(dropped).containsExactly(a, b, c); // the batch whole, poisoned member included

    BufferStats stats = buffer.stats();
    assertThat(stats.dropped()).isEqualTo(3);
    assertThat(stats.items()).isEqualTo(3);
    assertThat(stats.bytes()).isEqualTo(30);
    buffer.drain();
    assertThat(delivered).containsExactly(List.of(d, e, f));
    stats = buffer.stats();
    assertThat(stats.bytes()).isZero();
    assertThat(stats.offered())
        .isEqualTo(stats.accepted() + stats.rejected() + stats.dropped() + stats.callerRan());
  }

  @Test
  void dropOldestHandsTheOldestToTheListener() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(3, OverflowPolicy.DROP_OLDEST);
    buffer.offer(1);
    buffer.offerBatch(List.of(2, 3));
    assertThat(buffer.offer(4)).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);
    assertThat(droppedItems).containsExactly(1);
    assertThat(buffer.offer(5)).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);
    assertThat(droppedItems).containsExactly(1, 2, 3); // a batch is dropped whole
    buffer.drain();
    assertThat(delivered()).containsExactly(4, 5);
    assertThat(buffer.stats().dropped()).isEqualTo(3);
  }

  @Test
  void aBatchQueuedBeforeTheDropListenerFailsIsDeliveredIntact() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("drop-error")
                    .capacity(3)
                    .overflowPolicy(OverflowPolicy.DROP_OLDEST)
                    .drainBatchSize(10)
                    .build(),
                batch -> deliveries.add(new ArrayList<>(batch)))
            .dropListener(
                item -> {
                  throw new AssertionError("listener failed on " + item); // an Error: not caught
                })
            .build();
    buffer.offerBatch(List.of(1, 2, 3));
    // the new batch is queued first, then the listener runs: its Error must not recycle the batch
    assertThatThrownBy(() -> buffer.offerBatch(List.of(4, 5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("listener failed on 1");
    assertThat(buffer.offerBatch(List.of(6), OverflowPolicy.REJECT))
        .isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offerBatch(List.of(7, 8), OverflowPolicy.REJECT))
        .isEqualTo(OfferResult.REJECTED);
    buffer.drain();
    assertThat(deliveries).containsExactly(List.of(4, 5, 6));
  }

  @Test
  void aDropListenerErrorDoesNotHideTheOtherItemsDroppedByTheSameOffer()
      throws InterruptedException {
    List<Integer> shown = new ArrayList<>();
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("drop-errors")
                    .capacity(3)
                    .overflowPolicy(OverflowPolicy.DROP_OLDEST)
                    .build(),
                batch -> deliveries.add(new ArrayList<>(batch)))
            .dropListener(
                item -> {
                  shown.add(item);
                  throw new AssertionError("listener failed on " + item);
                })
            .build();
    buffer.offer(1);
    buffer.offerBatch(List.of(2, 3));

    // 3 items of room needed: the single item and the batch are both dropped
    assertThatThrownBy(() -> buffer.offerBatch(List.of(4, 5, 6)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("listener failed on 1")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("listener failed on 2", "listener failed on 3"));
    assertThat(shown).containsExactly(1, 2, 3);
    BufferStats stats = buffer.stats();
    assertThat(stats.dropped()).isEqualTo(3);
    assertThat(stats.accepted()).isEqualTo(3);
    assertThat(stats.offered())
        .isEqualTo(stats.accepted() + stats.rejected() + stats.dropped() + stats.callerRan());
    buffer.drain();
    assertThat(deliveries).containsExactly(List.of(4, 5, 6));
  }

  @Test
  void dropOldestUnderCriticalPressureSwapsOneItemWhateverTheWeigherSays()
      throws InterruptedException {
    for (long maxBytes : new long[] {0, 100}) { // a weigher without a byte bound, then with one
      List<Integer> dropped = new ArrayList<>();
      BufferConfig.Builder config =
          BufferConfig.builder("pressure-drop-" + maxBytes)
              .capacity(4)
              .overflowPolicy(OverflowPolicy.DROP_OLDEST);
      if (maxBytes > 0) {
        config.maxBytes(maxBytes);
      }
      BoundedBatchBuffer<Integer> buffer =
          BoundedBatchBuffer.<Integer>builder(
                  config.build(), batch -> deliveries.add(new ArrayList<>(batch)))
              .weigher(item -> item * 10L)
              .dropListener(dropped::add)
              .build();
      for (int item = 1; item <= 4; item++) {
        buffer.offer(item); // 10 + 20 + 30 + 40 = 100 bytes
      }
      buffer.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL); // capacity 2

      // dropping item 1 gives the new item (weighing 10 bytes too) its room; the lowered
      // capacity does not make the offer drop more, with or without a byte bound
      assertThat(buffer.offer(1)).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);

      assertThat(dropped).as("max-bytes " + maxBytes).containsExactly(1);
      assertThat(buffer.size()).as("items inside are never dropped for pressure").isEqualTo(4);
      assertThat(buffer.stats().bytes()).isEqualTo(maxBytes > 0 ? 100 : 0);
      buffer.drain();
      assertThat(deliveries.remove(deliveries.size() - 1)).containsExactly(2, 3, 4, 1);
    }
  }

  @Test
  void dropOldestTopsUpBytesWithoutAnItemCheckUnderCriticalPressure() throws InterruptedException {
    List<Integer> dropped = new ArrayList<>();
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("pressure-topup")
                    .capacity(4)
                    .maxBytes(110)
                    .overflowPolicy(OverflowPolicy.DROP_OLDEST)
                    .build(),
                batch -> deliveries.add(new ArrayList<>(batch)))
            .weigher(item -> item < 10 ? item * 10L : item) // 1..4 weigh 10..40, 15 weighs 15
            .dropListener(dropped::add)
            .build();
    for (int item = 1; item <= 4; item++) {
      buffer.offer(item); // 4 items, 100 bytes
    }
    buffer.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL); // capacity 2

    // 15 bytes needed: dropping item 1 gives an item of room and 10 bytes; the 5 bytes still
    // missing fit under 110. Asking the item bound about those 5 bytes (4 items held, capacity
    // 2 now) would drop item 2 as well.
    assertThat(buffer.offer(15)).isEqualTo(OfferResult.ACCEPTED_AFTER_DROP);
    assertThat(dropped).containsExactly(1);
    assertThat(buffer.size()).isEqualTo(4);
    assertThat(buffer.stats().bytes()).isEqualTo(20 + 30 + 40 + 15);
  }

  @Test
  void aDropListenerThrowingTheSameErrorTwiceIsRethrownOnce() throws InterruptedException {
    AssertionError same = new AssertionError("the listener's one error");
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("same-error")
                    .capacity(2)
                    .overflowPolicy(OverflowPolicy.DROP_OLDEST)
                    .build(),
                batch -> {})
            .dropListener(
                item -> {
                  throw same;
                })
            .build();
    buffer.offerBatch(List.of(1, 2));

    assertThatThrownBy(() -> buffer.offerBatch(List.of(3, 4)))
        .isSameAs(same)
        .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    assertThat(buffer.stats().dropped()).isEqualTo(2);
  }

  @Test
  void callerRunsDeliversOnTheProducerThread() throws InterruptedException {
    AtomicReference<Thread> deliveredOn = new AtomicReference<>();
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("cr")
                    .capacity(2)
                    .overflowPolicy(OverflowPolicy.CALLER_RUNS)
                    .build(),
                batch -> {
                  deliveredOn.set(Thread.currentThread());
                  deliveries.add(new ArrayList<>(batch));
                })
            .build();
    buffer.offer(1);
    buffer.offer(2);
    assertThat(buffer.offerBatch(List.of(3, 4))).isEqualTo(OfferResult.CALLER_RAN);
    assertThat(deliveredOn.get()).isSameAs(Thread.currentThread());
    // what was queued first, in order, then the caller's own batch, whole
    assertThat(deliveries).containsExactly(List.of(1, 2), List.of(3, 4));
    BufferStats stats = buffer.stats();
    assertThat(stats.callerRan()).isEqualTo(2);
    assertThat(stats.accepted()).isEqualTo(2);
    assertThat(stats.drained()).isEqualTo(2);
    assertThat(stats.offered()).isEqualTo(4);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void blockWaitsForTheConsumerAndTimesOut() throws Exception {
    BoundedBatchBuffer<Integer> buffer = buffer(1, OverflowPolicy.BLOCK);
    buffer.offer(1);
    assertThat(buffer.offer(2)).isEqualTo(OfferResult.REJECTED); // 50 ms timeout
    assertThat(buffer.stats().blockedNanos())
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));

    CompletableFuture<OfferResult> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return buffer.offer(3, OverflowPolicy.BLOCK);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(10);
    buffer.drain();
    OfferResult result = waiting.get(5, TimeUnit.SECONDS);
    // it either got in after the drain, or its 50 ms ran out first on a slow machine
    assertThat(result).isIn(OfferResult.ACCEPTED, OfferResult.REJECTED);
  }

  @Test
  void interruptWhileBlockedThrowsAndAdmitsNothing() throws Exception {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("int").capacity(1).blockTimeout(Duration.ofMinutes(1)).build(),
                batch -> {})
            .build();
    buffer.offer(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                buffer.offerBatch(List.of(2));
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    producer.start();
    Thread.sleep(50);
    producer.interrupt();
    producer.join(5_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(buffer.size()).isEqualTo(1);
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(1); // an interrupted offer counts as rejected
    assertThat(stats.blockedCount()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(stats.accepted() + stats.rejected());
  }

  @Test
  void consumerOfferingToItsOwnFullBufferIsRejectedInsteadOfDeadlocking() throws Exception {
    List<OfferResult> inner = new CopyOnWriteArrayList<>();
    AtomicReference<BoundedBatchBuffer<Integer>> self = new AtomicReference<>();
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("self")
                    .capacity(1)
                    .blockTimeout(Duration.ofMinutes(10)) // without the guard: a 10-minute wait
                    .build(),
                batch -> {
                  if (batch.get(0) != 1) {
                    return; // only the first delivery offers back
                  }
                  try {
                    self.get().offer(9); // fills the one place again
                    inner.add(self.get().offer(10, OverflowPolicy.BLOCK));
                    // without the guard, CALLER_RUNS would re-enter this handler
                    inner.add(self.get().offer(11, OverflowPolicy.CALLER_RUNS));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .build();
    self.set(buffer);
    buffer.offer(1);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> buffer.drain());
    assertThat(inner).containsExactly(OfferResult.REJECTED, OfferResult.REJECTED);
    assertThat(buffer.stats().callerRan()).isZero();
  }

  @Test
  void closeDeliversWhatIsLeftAndRejectsLaterOffers() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(10, OverflowPolicy.REJECT);
    for (int i = 0; i < 7; i++) {
      buffer.offer(i);
    }
    buffer.close();
    assertThat(delivered()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(buffer.offer(8)).isEqualTo(OfferResult.CLOSED);
    assertThat(buffer.offerBatch(List.of(8, 9), OverflowPolicy.BLOCK))
        .isEqualTo(OfferResult.CLOSED);
    buffer.close(); // idempotent
    BufferStats stats = buffer.stats();
    assertThat(stats.rejected()).isEqualTo(3);
    assertThat(stats.offered()).isEqualTo(10);
    assertThat(stats.accepted() + stats.rejected()).isEqualTo(stats.offered());
  }

  @Test
  void pressureLowersTheAdmittedCapacity() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer = buffer(8, OverflowPolicy.REJECT);
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(buffer);
    pressure.set(MemoryPressure.ELEVATED);
    assertThat(buffer.stats().capacity()).isEqualTo(8); // only CRITICAL shrinks
    assertThat(buffer.offerBatch(List.of(1, 2, 3, 4, 5))).isEqualTo(OfferResult.ACCEPTED);
    pressure.set(MemoryPressure.CRITICAL); // default fraction 0.5: 4 of 8
    assertThat(buffer.stats().capacity()).isEqualTo(4);
    assertThat(buffer.size()).isEqualTo(5); // nothing already inside is dropped
    assertThat(buffer.offer(6)).isEqualTo(OfferResult.REJECTED);
    buffer.drain();
    buffer.drain();
    assertThat(buffer.offerBatch(List.of(6, 7, 8, 9))).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.offer(10)).isEqualTo(OfferResult.REJECTED);
    pressure.set(MemoryPressure.NORMAL);
    assertThat(buffer.offer(10)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(buffer.stats().capacity()).isEqualTo(8);
    assertThat(droppedItems).isEmpty();
  }

  @Test
  void configAndBuilderRejectBadInputByName() {
    assertThatThrownBy(() -> BufferConfig.builder("b").capacity(0)).hasMessageContaining("was 0");
    assertThatThrownBy(() -> BufferConfig.builder("b").maxBytes(-1)).hasMessageContaining("was -1");
    assertThatThrownBy(() -> BufferConfig.builder("b").maxBytes(BufferConfig.MAX_BYTES + 1))
        .hasMessageContaining("max-bytes must be 0 (off) or 1.." + BufferConfig.MAX_BYTES)
        .hasMessageContaining("was " + (BufferConfig.MAX_BYTES + 1));
    assertThat(BufferConfig.builder("b").maxBytes(BufferConfig.MAX_BYTES).build().maxBytes())
        .isEqualTo((1L << 38) - 1);
    assertThatThrownBy(
            () ->
                BoundedBatchBuffer.<Integer>builder(
                        BufferConfig.builder("b").maxBytes(5).build(), batch -> {})
                    .build())
        .hasMessageContaining("weigher is required");
    assertThatThrownBy(() -> buffer(2, OverflowPolicy.REJECT).offer(null))
        .isInstanceOf(NullPointerException.class);

    Properties bad = new Properties();
    bad.setProperty("heapwise.buffer.r.capacity", "many");
    bad.setProperty("heapwise.buffer.r.overflow-policy", "explode");
    bad.setProperty("heapwise.buffer.r.capasity", "1");
    bad.setProperty("heapwise.buffer.r.max-bytes", "256GiB");
    assertThatThrownBy(() -> BufferConfig.fromSettings(Settings.from(bad, new Properties()), "r"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.buffer.r.capacity")
        .hasMessageContaining("heapwise.buffer.r.overflow-policy")
        .hasMessageContaining("capasity")
        .hasMessageContaining("heapwise.buffer.r.max-bytes");
    Properties good = new Properties();
    good.setProperty("heapwise.buffer.r.capacity", "1000");
    good.setProperty("heapwise.buffer.r.overflow-policy", "drop-oldest");
    good.setProperty("heapwise.buffer.r.max-bytes", "1MiB");
    BufferConfig config = BufferConfig.fromSettings(Settings.from(good, new Properties()), "r");
    assertThat(config.capacity()).isEqualTo(1000);
    assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(config.maxBytes()).isEqualTo(1 << 20);
    assertThat(config.flusher()).isFalse();
    assertThat(config.flushSize()).isEqualTo(256);
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.pressureCapacityFraction()).isEqualTo(0.5);
  }

  @Test
  void newKeysAreReadAndCheckedByName() {
    Properties good = new Properties();
    good.setProperty("heapwise.buffer.f.overflow", "caller-runs");
    good.setProperty("heapwise.buffer.f.flusher", "true");
    good.setProperty("heapwise.buffer.f.flush-size", "64");
    good.setProperty("heapwise.buffer.f.linger", "5ms");
    good.setProperty("heapwise.buffer.f.pressure-capacity-fraction", "25%");
    good.setProperty("heapwise.buffer.f.close-timeout", "2s");
    BufferConfig config = BufferConfig.fromSettings(Settings.from(good, new Properties()), "f");
    assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.CALLER_RUNS);
    assertThat(config.flusher()).isTrue();
    assertThat(config.flushSize()).isEqualTo(64);
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.pressureCapacityFraction()).isEqualTo(0.25);
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(2));

    Properties bad = new Properties();
    bad.setProperty("heapwise.buffer.g.flush-size", "0");
    bad.setProperty("heapwise.buffer.g.linger", "soon");
    bad.setProperty("heapwise.buffer.g.pressure-capacity-fraction", "0");
    bad.setProperty("heapwise.buffer.g.overflow", "block");
    bad.setProperty("heapwise.buffer.g.overflow-policy", "reject");
    assertThatThrownBy(() -> BufferConfig.fromSettings(Settings.from(bad, new Properties()), "g"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heapwise.buffer.g.flush-size")
        .hasMessageContaining("heapwise.buffer.g.linger")
        .hasMessageContaining("soon")
        .hasMessageContaining("heapwise.buffer.g.pressure-capacity-fraction")
        .hasMessageContaining("together with overflow-policy");
    assertThatThrownBy(() -> BufferConfig.builder("h").pressureCapacityFraction(1.5))
        .hasMessageContaining("pressure-capacity-fraction")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> BufferConfig.builder("h").flushSize(0))
        .hasMessageContaining("flush-size")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> BufferConfig.builder("h").linger(Duration.ofMillis(-1)))
        .hasMessageContaining("linger");
  }

  @Test
  void criticalCapacityFollowsTheConfiguredFraction() {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("frac").capacity(10).pressureCapacityFraction(0.3).build(),
                batch -> {})
            .build();
    buffer.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL);
    assertThat(buffer.stats().capacity()).isEqualTo(3);
    buffer.onPressureChange(MemoryPressure.CRITICAL, MemoryPressure.NORMAL);
    assertThat(buffer.stats().capacity()).isEqualTo(10);
  }
}
