package io.heapwise.demo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextAttributesTest {

  @Test
  void keepsInsertionOrderAndReplacesExistingKeys() {
    TextAttributes attributes = new TextAttributes(3);
    attributes.put("a", "1");
    attributes.put("b", "2");
    attributes.put("a", "3");

    assertThat(attributes.size()).isEqualTo(2);
    assertThat(attributes.get("a")).isEqualTo("3");
    assertThat(attributes.get("missing")).isNull();
    assertThat(attributes.keyAt(1)).isEqualTo("b");
    assertThat(attributes.toMap()).containsExactly(entry("a", "3"), entry("b", "2"));
  }

  @Test
  void fullMapRefusesANewKeyAndStaysIntact() {
    TextAttributes attributes = new TextAttributes(1);
    attributes.put("a", "1");

    assertThatThrownBy(() -> attributes.put("b", "2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capacity 1")
        .hasMessageContaining("'b'");
    assertThat(attributes.toMap()).containsExactly(entry("a", "1"));
  }

  @Test
  void rejectsNullsAndBadIndexesAndCapacity() {
    TextAttributes attributes = new TextAttributes(2);
    assertThatThrownBy(() -> attributes.put(null, "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> attributes.put("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> attributes.keyAt(0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("index 0");
    assertThatThrownBy(() -> new TextAttributes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }

  @Test
  void clearEmptiesTheMap() {
    TextAttributes attributes = new TextAttributes(2);
    attributes.put("a", "1");
    attributes.clear();

    assertThat(attributes.size()).isZero();
    assertThat(attributes.get("a")).isNull();
    attributes.put("b", "2");
    assertThat(attributes.toMap()).containsExactly(entry("b", "2"));
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
