package io.heapwise.core;

import static io.heapwise.core.MemoryPressure.CRITICAL;
import static io.heapwise.core.MemoryPressure.ELEVATED;
import static io.heapwise.core.MemoryPressure.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class MemoryPressureTest {

  @Test
  void levelsAreOrderedBySeverity() {
    assertThat(MemoryPressure.values()).containsExactly(NORMAL, ELEVATED, CRITICAL);
  }

  @Test
  void isAtLeastIncludesTheLevelItself() {
    assertThat(NORMAL.isAtLeast(NORMAL)).isTrue();
    assertThat(NORMAL.isAtLeast(ELEVATED)).isFalse();
    assertThat(ELEVATED.isAtLeast(NORMAL)).isTrue();
    assertThat(ELEVATED.isAtLeast(ELEVATED)).isTrue();
    assertThat(ELEVATED.isAtLeast(CRITICAL)).isFalse();
    assertThat(CRITICAL.isAtLeast(ELEVATED)).isTrue();
  }

  @Test
  void isAboveIsStrict() {
    assertThat(CRITICAL.isAbove(ELEVATED)).isTrue();
    assertThat(CRITICAL.isAbove(CRITICAL)).isFalse();
    assertThat(NORMAL.isAbove(NORMAL)).isFalse();
  }

  @Test
  void comparingWithNullNamesTheArgument() {
    assertThatNullPointerException()
        .isThrownBy(() -> NORMAL.isAtLeast(null))
        .withMessageContaining("other pressure level");
    assertThatNullPointerException().isThrownBy(() -> NORMAL.isAbove(null));
  }
}
