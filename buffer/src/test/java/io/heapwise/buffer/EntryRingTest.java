package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ring, driven on one thread: its room (producers check against their copy of the consumer's
 * count, which may lag; a lagging copy may only make an offer look at the consumer's count again,
 * never pass the bound, and what was held comes back exact whenever the caller asks above a mark),
 * and its places (claimed by the reservation, written by put, taken in claim order).
 */
class EntryRingTest {

  private static final int CAPACITY = 4;
  private static final long NO_MARK = Long.MAX_VALUE; // never ask for what was held exactly

  private final EntryRing ring = new EntryRing(CAPACITY);

  private long reserve(int count) {
    long reservation = ring.tryReserve(count, 0, CAPACITY, NO_MARK);
    assertThat(reservation).isNotNegative();
    return reservation;
  }

  private void offer(Object entry, int count) {
    ring.put(reserve(count), entry);
  }

  @Test
  void theBoundIsExactAndRoomGivenBackIsFoundWhenTheCopyLags() {
    for (int i = 0; i < CAPACITY; i++) {
      reserve(1);
    }
    assertThat(ring.tryReserve(1, 0, CAPACITY, NO_MARK)).as("full").isEqualTo(-1);

    ring.release(3, 0); // the producers' copy still says 0 given back

    assertThat(ring.tryReserve(3, 0, CAPACITY, NO_MARK)).as("fits once looked at").isNotNegative();
    assertThat(ring.tryReserve(1, 0, CAPACITY, NO_MARK)).as("full again").isEqualTo(-1);
    assertThat(ring.items()).isEqualTo(CAPACITY);
  }

  @Test
  void aLowerCapacityIsHeldToAtOnce() {
    reserve(3);
    ring.release(3, 0);

    assertThat(ring.tryReserve(2, 0, 1, NO_MARK)).isEqualTo(-1);
    assertThat(ring.tryReserve(1, 0, 1, NO_MARK)).isNotNegative();
    assertThat(ring.items()).isEqualTo(1);
  }

  @Test
  void whatWasHeldIsExactAboveTheMarkAndMayOverCountBelowIt() {
    ring.tryReserve(3, 0, CAPACITY, -1); // exact: the copy now says 0 given back
    ring.release(3, 0); // not seen by the copy

    long belowMark = ring.tryReserve(1, 0, CAPACITY, CAPACITY);
    assertThat(Occupancy.items(belowMark)).as("an over-count, below the mark").isEqualTo(3);

    long aboveMark = ring.tryReserve(1, 0, CAPACITY, 1);
    assertThat(Occupancy.items(aboveMark)).as("exact: 1 held before").isEqualTo(1);
    assertThat(ring.items()).isEqualTo(2);
  }

  @Test
  void releaseIfAllFailsOnceAnOfferReservedSinceAndGivesNothingBack() {
    ring.tryReserve(2, 0, CAPACITY);
    ring.tryReserve(1, 0, CAPACITY); // an offer after the consumer's last look

    assertThat(ring.releaseIfAll(2, 0)).isFalse();
    assertThat(ring.items()).isEqualTo(3);
    assertThat(ring.releaseIfAll(3, 0)).isTrue();
    assertThat(ring.items()).isZero();
    assertThat(Occupancy.items(ring.tryReserve(CAPACITY, 0, CAPACITY)))
        .as("all the room is free")
        .isZero();
  }

  @Test
  void aZeroReservationClaimsAPlaceButNoRoomEvenAboveALoweredCapacity() {
    offer("a", 3);

    long reservation = ring.tryReserve(0, 0, 1);
    assertThat(Occupancy.items(reservation)).isEqualTo(3);
    assertThat(ring.items()).isEqualTo(3);
    ring.put(reservation, "b"); // DROP_OLDEST's entry, whose room its drops hold

    assertThat(ring.poll()).isEqualTo("a");
    assertThat(ring.poll()).isEqualTo("b");
    assertThat(ring.enqueued()).isEqualTo(2);
  }

  @Test
  void eachReservationClaimsTheNextPlace() {
    long first = reserve(2);
    long second = reserve(1);
    ring.put(second, "second"); // written out of order: taken in the order claimed
    ring.put(first, "first");

    assertThat(ring.relaxedPoll()).isEqualTo("first");
    assertThat(ring.relaxedPoll()).isEqualTo("second");
    assertThat(ring.relaxedPoll()).isNull();
    assertThat(ring.poll()).as("nothing claimed: no wait").isNull();
  }

  @Test
  void placesAreReusedRoundTheRingInOrderWithTheRoomAsTheirBound() {
    List<Object> taken = new ArrayList<>();
    for (int i = 0; i < 10 * CAPACITY; i++) {
      offer(i, 1);
      if (i % 3 == 2) { // keep up to 3 entries in the ring as it wraps
        Object entry;
        int polled = 0;
        while ((entry = ring.relaxedPoll()) != null) {
          taken.add(entry);
          polled++;
        }
        ring.release(polled, 0);
      }
    }
    for (Object entry; (entry = ring.poll()) != null; ) {
      taken.add(entry);
    }

    assertThat(taken).hasSize(10 * CAPACITY);
    for (int i = 0; i < taken.size(); i++) {
      assertThat(taken.get(i)).isEqualTo(i);
    }
    assertThat(ring.enqueued()).isEqualTo(10 * CAPACITY);
  }

  @Test
  void aRelaxedPollDoesNotWaitOnAPlaceClaimedButNotYetWritten() {
    offer("a", 1);
    long stopped = reserve(1); // an offer preempted between its CAS and its put
    offer("c", 1);

    assertThat(ring.relaxedPoll()).isEqualTo("a");
    assertThat(ring.relaxedPoll()).as("c waits behind the unwritten place").isNull();

    ring.put(stopped, "b");
    assertThat(ring.relaxedPoll()).isEqualTo("b");
    assertThat(ring.relaxedPoll()).isEqualTo("c");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPollWaitsForAPlaceClaimedButNotYetWritten() throws Exception {
    long stopped = reserve(1);
    CompletableFuture<Object> polled = CompletableFuture.supplyAsync(ring::poll);
    Thread.sleep(50); // the poll is spinning on the claimed place

    assertThat(polled).isNotDone();
    ring.put(stopped, "late");
    assertThat(polled.get(5, TimeUnit.SECONDS)).isEqualTo("late");
  }

  @Test
  void anAbandonedPlaceIsSkippedAndItsLastItemOfRoomGoesBackWhenPassed() {
    offer("a", 1);
    long abandoned = reserve(2);
    offer("c", 1);

    assertThat(ring.abandon(abandoned, 2)).as("room for the caller to give back now").isEqualTo(1);
    ring.release(1, 0);
    assertThat(ring.items()).as("one item bounds the abandoned place").isEqualTo(3);

    assertThat(ring.poll()).isEqualTo("a");
    assertThat(ring.poll()).as("the abandoned place is skipped").isEqualTo("c");
    assertThat(ring.poll()).isNull();
    assertThat(ring.items()).as("a and c are still to be given back").isEqualTo(2);
    assertThat(ring.enqueued()).as("the abandoned place counts as enqueued").isEqualTo(3);
  }

  @Test
  void theRingHasAPlaceForEveryItemOfTheCapacity() {
    EntryRing odd = new EntryRing(5); // 8 places
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5; i++) {
        odd.put(odd.tryReserve(1, 0, 5), round * 5 + i);
      }
      assertThat(odd.tryReserve(1, 0, 5)).isEqualTo(-1);
      for (int i = 0; i < 5; i++) {
        assertThat(odd.poll()).isEqualTo(round * 5 + i);
      }
      odd.release(5, 0);
    }
  }

  @Test
  void aCapacityOutOfRangeIsRefusedByValue() {
    assertThatThrownBy(() -> new EntryRing(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> new EntryRing(BufferConfig.MAX_CAPACITY + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was " + (BufferConfig.MAX_CAPACITY + 1));
  }
}
