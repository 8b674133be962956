package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The consumer's take, driven step by step on one thread: an offer is a reservation on the
 * occupancy word followed by an enqueue, and these tests stop an offer between the two, which real
 * threads do only when a producer is preempted there.
 */
class EntryTakerTest {

  private static final int CAPACITY = 8;

  private final MpscEntryQueue entries = new MpscEntryQueue(CAPACITY);
  private final EntryHolders holders = new EntryHolders("taker", CAPACITY, false);
  // The one word: an offer to it reserves, then enqueues (a ring's claim is its reservation).
  private final Occupancy occupancy = Occupancy.forBuffer(CAPACITY, 0, true);
  private final EntryTaker<String> taker =
      new EntryTaker<>(entries, holders, occupancy, new ReentrantLock());

  private void reserve(int count) {
    assertThat(occupancy.tryReserve(count, 0, CAPACITY)).isNotNegative();
  }

  private void offer(String item) {
    reserve(1);
    assertThat(entries.offer(item)).isTrue();
  }

  @Test
  void aTakeOfEverythingReservedGivesAllTheRoomBack() {
    offer("a");
    offer("b");

    taker.takeAndRelease(CAPACITY, true);

    assertThat(taker.taken()).containsExactly("a", "b");
    assertThat(occupancy.items()).isZero();
  }

  @Test
  void aTakeGivesUpOnAnOfferStoppedBeforeItsEnqueueAndLeavesThatOffersRoomHeld() {
    offer("a");
    reserve(1); // an offer preempted between its reservation and its enqueue

    taker.takeAndRelease(CAPACITY, true); // waits SPIN_LIMIT spins for it, then gives up

    assertThat(taker.taken()).containsExactly("a");
    assertThat(occupancy.items()).isEqualTo(1); // the stopped offer still holds its room

    assertThat(entries.offer("b")).isTrue(); // the offer resumes
    taker.takeAndRelease(CAPACITY, true);

    assertThat(taker.taken()).containsExactly("b");
    assertThat(occupancy.items()).isZero();
  }

  @Test
  void aTakeDoesNotWaitForRoomGivenBackByAnOfferThatWillNeverEnqueue() {
    offer("a");
    reserve(1);
    occupancy.release(1, 0); // that offer found the buffer closed and gave its room back

    taker.takeAndRelease(CAPACITY, true);

    assertThat(taker.taken()).containsExactly("a");
    assertThat(occupancy.items()).isZero();
  }

  @Test
  void aBatchThatDoesNotFitWaitsWholeForTheNextTake() {
    offer("x");
    Batch batch = holders.copyOf(List.of("b1", "b2", "b3"), 3);
    reserve(3);
    assertThat(entries.offer(batch)).isTrue();

    taker.takeAndRelease(2, false);

    assertThat(taker.taken()).containsExactly("x");
    assertThat(taker.pendingBatchSize()).isEqualTo(3);
    assertThat(occupancy.items()).isEqualTo(3); // the waiting batch keeps its room

    taker.takeAndRelease(3, false);

    assertThat(taker.taken()).containsExactly("b1", "b2", "b3");
    assertThat(taker.pendingBatchSize()).isZero();
    assertThat(occupancy.items()).isZero();
  }

  @Test
  void aFirstBatchLargerThanTheLimitIsTakenWholeWhenOversizeIsAllowed() {
    Batch batch = holders.copyOf(List.of("b1", "b2", "b3"), 3);
    reserve(3);
    assertThat(entries.offer(batch)).isTrue();

    taker.takeAndRelease(2, true);

    assertThat(taker.taken()).containsExactly("b1", "b2", "b3");
    assertThat(occupancy.items()).isZero();
  }

  @Test
  void anEnqueuedOnlyTakeLeavesAnOfferStoppedBeforeItsEnqueueToTheNextTake() {
    offer("a");
    reserve(1); // an offer preempted between its reservation and its enqueue

    taker.takeEnqueued(CAPACITY);

    assertThat(taker.taken()).containsExactly("a");
    assertThat(occupancy.items()).isEqualTo(2); // a take leaves the room to its caller to give back

    assertThat(entries.offer("b")).isTrue(); // the offer resumes
    taker.takeEnqueued(CAPACITY);

    assertThat(taker.taken()).containsExactly("b");
  }

  /**
   * A slot claimed in the queue but not yet written (here for good: what JCTools' fill leaves when
   * its supplier throws; in the buffer, an offer preempted inside the queue's offer). The
   * enqueued-only take must not wait on it. The waiting takes do, as {@code poll} does, so that
   * nothing enqueued behind it is left behind; the buffer runs no user code there, so the wait is a
   * few instructions.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anEnqueuedOnlyTakeDoesNotWaitOnASlotClaimedButNotYetWritten() {
    offer("a");
    reserve(1);
    assertThatThrownBy(
            () ->
                entries.fill(
                    () -> {
                      throw new IllegalStateException("no item");
                    },
                    1))
        .hasMessage("no item");

    taker.takeEnqueued(CAPACITY);
    assertThat(taker.taken()).containsExactly("a");

    taker.takeEnqueued(CAPACITY);
    assertThat(taker.taken()).isEmpty();
    assertThat(occupancy.items()).isEqualTo(2); // a take leaves the room to its caller
  }
}
