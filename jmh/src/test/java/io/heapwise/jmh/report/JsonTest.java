package io.heapwise.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  @SuppressWarnings("unchecked")
  void readsNestedValues() {
    Object value =
        Json.parse(
            "{ \"a\" : [1, -2.5e3, \"x\\\"y\\u0041\"], \"b\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"e\": [], \"o\": {} }");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat((List<Object>) map.get("a")).containsExactly(1.0, -2500.0, "x\"yA");
    Map<?, ?> b = (Map<?, ?>) map.get("b");
    assertThat(b.get("t")).isEqualTo(true);
    assertThat(b.get("f")).isEqualTo(false);
    assertThat(b.containsKey("n")).isTrue();
    assertThat(b.get("n")).isNull();
    assertThat((List<?>) map.get("e")).isEmpty();
    assertThat((Map<?, ?>) map.get("o")).isEmpty();
  }

  @Test
  void readsJmhStyleNaNStrings() {
    assertThat(Json.number("NaN")).isNaN();
    assertThat(Json.number(2.0)).isEqualTo(2.0);
    assertThat(Json.number(null)).isNaN();
  }

  @Test
  void malformedInputNamesTheOffsetAndWhatWasExpected() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 5")
        .hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> Json.parse("[1, 2"))
        .hasMessageContaining("expected ']'")
        .hasMessageContaining("end of input");
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("expected end of input");
    assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("closing quote");
  }
}
