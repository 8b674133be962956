package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OccupancyTest {

  @Test
  void bothFieldsHoldTheirLargestValuesWithoutTouchingEachOther() {
    Occupancy occupancy = new Occupancy(Occupancy.MAX_BYTES);

    assertThat(
            occupancy.tryReserve(
                BufferConfig.MAX_CAPACITY, Occupancy.MAX_BYTES, BufferConfig.MAX_CAPACITY))
        .isZero();
    long full = occupancy.get();
    assertThat(full).isPositive(); // the sign bit stays clear
    assertThat(Occupancy.items(full)).isEqualTo(BufferConfig.MAX_CAPACITY);
    assertThat(Occupancy.bytes(full)).isEqualTo(Occupancy.MAX_BYTES);

    occupancy.release(1, Occupancy.MAX_BYTES); // all the bytes, one item: no borrow
    assertThat(Occupancy.items(occupancy.get())).isEqualTo(BufferConfig.MAX_CAPACITY - 1);
    assertThat(Occupancy.bytes(occupancy.get())).isZero();
    occupancy.release(BufferConfig.MAX_CAPACITY - 1, 0);
    assertThat(occupancy.get()).isZero();
  }

  @Test
  void aReservationRefusedOnEitherBoundChangesNothing() {
    Occupancy occupancy = new Occupancy(100);
    assertThat(occupancy.tryReserve(2, 60, 3)).isZero();
    long before = occupancy.get();

    assertThat(occupancy.tryReserve(1, 41, 3)).as("bytes would pass 100").isEqualTo(-1);
    assertThat(occupancy.tryReserve(2, 1, 3)).as("items would pass 3").isEqualTo(-1);
    assertThat(occupancy.get()).isEqualTo(before);

    assertThat(occupancy.tryReserve(1, 40, 3)).as("both exactly at their bound").isEqualTo(before);
    assertThat(Occupancy.items(occupancy.get())).isEqualTo(3);
    assertThat(Occupancy.bytes(occupancy.get())).isEqualTo(100);
  }

  @Test
  void withoutAByteBoundWeightsAreNeitherCheckedNorCounted() {
    Occupancy occupancy = new Occupancy(0);
    assertThat(occupancy.tryReserve(1, Long.MAX_VALUE / 2, 5)).isZero();
    assertThat(occupancy.items()).isEqualTo(1);
    assertThat(Occupancy.bytes(occupancy.get())).isZero();
    occupancy.release(1, Long.MAX_VALUE / 2);
    assertThat(occupancy.get()).isZero();
  }

  @Test
  void releaseIfAllGivesBackOnlyWhenNothingElseIsHeld() {
    Occupancy occupancy = new Occupancy(100);
    occupancy.tryReserve(2, 30, 10);
    occupancy.tryReserve(1, 5, 10); // someone else's

    assertThat(occupancy.releaseIfAll(2, 30)).isFalse();
    assertThat(occupancy.items()).isEqualTo(3);

    occupancy.release(1, 5);
    assertThat(occupancy.releaseIfAll(2, 30)).isTrue();
    assertThat(occupancy.get()).isZero();
  }

  @Test
  void aByteBoundTheWordCannotHoldIsRefusedByValue() {
    assertThatThrownBy(() -> new Occupancy(Occupancy.MAX_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was " + (Occupancy.MAX_BYTES + 1));
  }
}
