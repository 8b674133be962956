package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The split form: producers check against their copy of the consumer's count, which may lag. A
 * lagging copy may only make an offer look at the consumer's count again, never pass the bound, and
 * what was held comes back exact whenever the caller asks above a mark.
 */
class ItemsOccupancyTest {

  private static final int CAPACITY = 4;
  private static final long NO_MARK = Long.MAX_VALUE; // never ask for what was held exactly

  private final ItemsOccupancy occupancy = new ItemsOccupancy();

  @Test
  void theBoundIsExactAndRoomGivenBackIsFoundWhenTheCopyLags() {
    for (int i = 0; i < CAPACITY; i++) {
      assertThat(occupancy.tryReserve(1, 0, CAPACITY, NO_MARK)).isNotNegative();
    }
    assertThat(occupancy.tryReserve(1, 0, CAPACITY, NO_MARK)).as("full").isEqualTo(-1);

    occupancy.release(3, 0); // the producers' copy still says 0 given back

    assertThat(occupancy.tryReserve(3, 0, CAPACITY, NO_MARK))
        .as("fits once looked at")
        .isNotNegative();
    assertThat(occupancy.tryReserve(1, 0, CAPACITY, NO_MARK)).as("full again").isEqualTo(-1);
    assertThat(occupancy.items()).isEqualTo(CAPACITY);
  }

  @Test
  void aLowerCapacityIsHeldToAtOnce() {
    occupancy.tryReserve(3, 0, CAPACITY, NO_MARK);
    occupancy.release(3, 0);

    assertThat(occupancy.tryReserve(2, 0, 1, NO_MARK)).isEqualTo(-1);
    assertThat(occupancy.tryReserve(1, 0, 1, NO_MARK)).isNotNegative();
    assertThat(occupancy.items()).isEqualTo(1);
  }

  @Test
  void whatWasHeldIsExactAboveTheMarkAndMayOverCountBelowIt() {
    occupancy.tryReserve(3, 0, CAPACITY, -1); // exact: the copy now says 0 given back
    occupancy.release(3, 0); // not seen by the copy

    long belowMark = occupancy.tryReserve(1, 0, CAPACITY, CAPACITY);
    assertThat(Occupancy.items(belowMark)).as("an over-count, below the mark").isEqualTo(3);

    long aboveMark = occupancy.tryReserve(1, 0, CAPACITY, 1);
    assertThat(Occupancy.items(aboveMark)).as("exact: 1 held before").isEqualTo(1);
    assertThat(occupancy.items()).isEqualTo(2);
  }

  @Test
  void releaseIfAllFailsOnceAnOfferReservedSinceAndGivesNothingBack() {
    occupancy.tryReserve(2, 0, CAPACITY);
    occupancy.tryReserve(1, 0, CAPACITY); // an offer after the consumer's last look

    assertThat(occupancy.releaseIfAll(2, 0)).isFalse();
    assertThat(occupancy.items()).isEqualTo(3);
    assertThat(occupancy.releaseIfAll(3, 0)).isTrue();
    assertThat(occupancy.items()).isZero();
    assertThat(occupancy.tryReserve(CAPACITY, 0, CAPACITY)).as("all the room is free").isZero();
  }

  @Test
  void aZeroReservationTakesNothingEvenAboveALoweredCapacity() {
    occupancy.tryReserve(3, 0, CAPACITY);

    assertThat(Occupancy.items(occupancy.tryReserve(0, 0, 1))).isEqualTo(3);
    assertThat(occupancy.items()).isEqualTo(3);
  }
}
