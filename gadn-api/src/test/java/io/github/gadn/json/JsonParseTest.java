package io.github.gadn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JSON written by hand or by other tools, and writing the values metrics reports use. */
class JsonParseTest {
  @Test
  void parsesNumbersInEveryForm() {
    assertThat(Json.parse("[0, -7, 1.5, -2.5e-3, 1E3, 6.02e+23, 12345678901234]"))
        .isEqualTo(List.of(0L, -7L, 1.5, -2.5e-3, 1e3, 6.02e23, 12345678901234L));
    assertThat(Json.parse("1234567890123456789012")).isEqualTo(1.234567890123456789012e21);
    assertThatThrownBy(() -> Json.parse("1.2.3")).hasMessageContaining("malformed number");
  }

  @Test
  void parsesEscapesAndUnicode() {
    assertThat(Json.parse("\"a\\u00e9\\/\\t\\\\ \\\"q\\\" Σπ²\"")).isEqualTo("aé/\t\\ \"q\" Σπ²");
    assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("bad escape");
    assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
  }

  @Test
  void parsesNestedAndEmptyContainersWithAnyWhitespace() {
    Object v = Json.parse(" \r\n\t{ \"a\" :[ [ ] , { } ,[1,[2]]],\"b\":{\"c\":null}}\n");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", List.of(List.of(), Map.of(), List.of(1L, List.of(2L))));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("c", null);
    expected.put("b", b);
    assertThat(v).isEqualTo(expected);
  }

  @Test
  void writesDoublesThatReadBackExactly() {
    List<Double> values = List.of(0.1, 1.0 / 3, 1e-300, 2.0383957269379898, 1790.0, -0.000279);
    assertThat(Json.parse(Json.write(values))).isEqualTo(values);
  }

  @Test
  void writesKeysInInsertionOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("all", List.of());
    m.put("2", Map.of());
    assertThat(Json.write(m)).isEqualTo("{\n  \"z\": 1,\n  \"all\": [],\n  \"2\": {}\n}\n");
  }

  @Test
  void refusesMalformedStructure() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> Json.parse("{1: 2}")).hasMessageContaining("expected a string key");
    assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageContaining("expected ',' or ']'");
    assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("cannot write");
  }
}
