package io.heapwise.demo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextListTest {

  @Test
  void addsInOrderUpToCapacityThenRefuses() {
    TextList list = new TextList(2);
    list.add("x");
    list.add("y");

    assertThatThrownBy(() -> list.add("z"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capacity 2")
        .hasMessageContaining("'z'");
    assertThat(list.toList()).containsExactly("x", "y");
    assertThat(list.get(1)).isEqualTo("y");
  }

  @Test
  void clearEmptiesAndBadInputIsNamed() {
    TextList list = new TextList(1);
    list.add("x");
    list.clear();

    assertThat(list.size()).isZero();
    assertThatThrownBy(() -> list.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new TextList(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }
}
