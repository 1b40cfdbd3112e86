package io.github.gadn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void roundTripKeepsTypesAndOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1L);
    m.put("a", 2.5);
    m.put("s", "x\"y\n");
    m.put("t", true);
    m.put("n", null);
    m.put("l", List.of(1L, 2L));
    m.put("o", Map.of("k", List.of(Map.of("z", 0.0))));
    Object back = Json.parse(Json.write(m));
    assertThat(back).isEqualTo(m);
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("b", "a", "s", "t", "n", "l", "o");
  }

  @Test
  void integralDoublesStayDoubles() {
    assertThat(Json.parse(Json.write(List.of(3.0, 1e-5)))).isEqualTo(List.of(3.0, 1e-5));
  }

  @Test
  void errorsGiveThePosition() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": tru\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected true at line 2, column 8");
    assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("unterminated array");
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("unexpected text");
  }

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("NaN");
  }
}
