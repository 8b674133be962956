package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Both forms of a buffer's occupancy; {@link EntryRingTest} has the ring's own. */
class OccupancyTest {

  private static final int CAPACITY = 10;

  @Test
  void aByteBoundOrAFlusherGetsTheOneWordFormAndNeitherGetsTheRing() {
    assertThat(Occupancy.forBuffer(CAPACITY, 1, false)).isInstanceOf(ItemsAndBytesOccupancy.class);
    assertThat(Occupancy.forBuffer(CAPACITY, 0, false)).isInstanceOf(EntryRing.class);
    assertThat(Occupancy.forBuffer(CAPACITY, 0, true))
        .as("a flusher needs exact counts at the CAS")
        .isInstanceOf(ItemsAndBytesOccupancy.class);
  }

  @Test
  void aRingIsItsOwnQueueAndTheOneWordGetsAnMpscQueue() {
    Occupancy ring = Occupancy.forBuffer(CAPACITY, 0, false);
    assertThat(EntryQueue.forOccupancy(ring, CAPACITY)).isSameAs(ring);
    assertThat(EntryQueue.forOccupancy(Occupancy.forBuffer(CAPACITY, 1, false), CAPACITY))
        .isInstanceOf(MpscEntryQueue.class);
  }

  @Test
  void theOneWordWithoutAByteBoundCountsItemsOnly() {
    Occupancy occupancy = Occupancy.forBuffer(CAPACITY, 0, true);
    assertThat(occupancy.tryReserve(2, Long.MAX_VALUE / 2, 5)).isZero();
    assertThat(Occupancy.items(occupancy.tryReserve(1, 7, 5))).isEqualTo(2);
    assertThat(Occupancy.bytes(occupancy.held())).isZero();
    occupancy.release(3, 7);
    assertThat(occupancy.held()).isZero();
  }

  @Test
  void bothFieldsHoldTheirLargestValuesWithoutTouchingEachOther() {
    Occupancy occupancy = Occupancy.forBuffer(CAPACITY, Occupancy.MAX_BYTES, false);

    assertThat(
            occupancy.tryReserve(
                BufferConfig.MAX_CAPACITY, Occupancy.MAX_BYTES, BufferConfig.MAX_CAPACITY))
        .isZero();
    long full = occupancy.held();
    assertThat(full).isPositive(); // the sign bit stays clear
    assertThat(Occupancy.items(full)).isEqualTo(BufferConfig.MAX_CAPACITY);
    assertThat(Occupancy.bytes(full)).isEqualTo(Occupancy.MAX_BYTES);

    occupancy.release(1, Occupancy.MAX_BYTES); // all the bytes, one item: no borrow
    assertThat(Occupancy.items(occupancy.held())).isEqualTo(BufferConfig.MAX_CAPACITY - 1);
    assertThat(Occupancy.bytes(occupancy.held())).isZero();
    occupancy.release(BufferConfig.MAX_CAPACITY - 1, 0);
    assertThat(occupancy.held()).isZero();
  }

  @Test
  void aReservationRefusedOnEitherBoundChangesNothing() {
    Occupancy occupancy = Occupancy.forBuffer(CAPACITY, 100, false);
    assertThat(occupancy.tryReserve(2, 60, 3)).isZero();
    long before = occupancy.held();

    assertThat(occupancy.tryReserve(1, 41, 3)).as("bytes would pass 100").isEqualTo(-1);
    assertThat(occupancy.tryReserve(2, 1, 3)).as("items would pass 3").isEqualTo(-1);
    assertThat(occupancy.held()).isEqualTo(before);

    assertThat(occupancy.tryReserve(1, 40, 3)).as("both exactly at their bound").isEqualTo(before);
    assertThat(Occupancy.items(occupancy.held())).isEqualTo(3);
    assertThat(Occupancy.bytes(occupancy.held())).isEqualTo(100);
  }

  @Test
  void withoutAByteBoundWeightsAreNeitherCheckedNorCounted() {
    Occupancy occupancy = Occupancy.forBuffer(CAPACITY, 0, false);
    assertThat(occupancy.tryReserve(1, Long.MAX_VALUE / 2, 5)).isZero();
    assertThat(occupancy.items()).isEqualTo(1);
    assertThat(Occupancy.bytes(occupancy.held())).isZero();
    occupancy.release(1, Long.MAX_VALUE / 2);
    assertThat(occupancy.held()).isZero();
  }

  @Test
  void releaseIfAllGivesBackOnlyWhenNothingElseIsHeld() {
    for (Occupancy occupancy :
        new Occupancy[] {Occupancy.forBuffer(CAPACITY, 100, false), new EntryRing(CAPACITY)}) {
      occupancy.tryReserve(2, 30, 10);
      occupancy.tryReserve(1, 5, 10); // someone else's

      assertThat(occupancy.releaseIfAll(2, 30)).as(occupancy.getClass().getSimpleName()).isFalse();
      assertThat(occupancy.items()).isEqualTo(3);

      occupancy.release(1, 5);
      assertThat(occupancy.releaseIfAll(2, 30)).isTrue();
      assertThat(occupancy.held()).isZero();
    }
  }

  @Test
  void aByteBoundTheWordCannotHoldIsRefusedByValue() {
    assertThatThrownBy(() -> Occupancy.forBuffer(CAPACITY, Occupancy.MAX_BYTES + 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was " + (Occupancy.MAX_BYTES + 1));
    assertThatThrownBy(() -> Occupancy.forBuffer(CAPACITY, -1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }
}
