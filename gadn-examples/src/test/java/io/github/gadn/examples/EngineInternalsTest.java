package io.github.gadn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line and the example programs use the engine only through gadn-api and the engine's
 * entry package {@code io.github.gadn.tensorflow} (the engine and its benchmark hook): no source
 * file under {@code src/main/java} may import, or name in code, a package below it.
 */
class EngineInternalsTest {
  private static final String ENGINE = "io.github.gadn.tensorflow";

  /** The engine package followed by a lower-case segment: a sub-package, i.e. an internal one. */
  private static final Pattern INTERNAL =
      Pattern.compile("\\b" + Pattern.quote(ENGINE) + "\\s*\\.\\s*([a-z_][A-Za-z0-9_]*)");

  /**
   * The source with comments, string and character literals and text blocks blanked (newlines
   * kept, so line numbers stay right).
   */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(source, i, end, out);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        blank(source, i, end, out);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(n, j + 1);
        blank(source, i, end, out);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String source, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(source.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /** Every use of an engine-internal package in {@code source}, as "line N: text". */
  static List<String> internalUses(String source) {
    String code = code(source);
    List<String> found = new ArrayList<>();
    Matcher m = INTERNAL.matcher(code);
    while (m.find()) {
      int line = 1;
      for (int k = 0; k < m.start(); k++) {
        line += code.charAt(k) == '\n' ? 1 : 0;
      }
      String text = source.lines().skip(line - 1).findFirst().orElse("").strip();
      found.add("line " + line + ": " + text);
    }
    return found;
  }

  @Test
  void theScanFindsImportsAndQualifiedNamesButNotTheEntryPackageOrComments() {
    String source = String.join("\n",
        "package x;",
        "import io.github.gadn.tensorflow.BenchmarkStep;",
        "import io.github.gadn.tensorflow.*;",
        "import io.github.gadn.tensorflow.train.Stage1Run;",
        "import static io.github.gadn.tensorflow.io.Checkpoint.read;",
        "/** See {@link io.github.gadn.tensorflow.nn.Conv}. */",
        "class Y {",
        "  String s = \"io.github.gadn.tensorflow.net.EncoderNet\"; // io.github.gadn.tensorflow.loss",
        "  Object o = new io.github.gadn.tensorflow.train.RunFolder(null);",
        "  Object p = io.github.gadn.tensorflow",
        "      .infer.TfModel.class;",
        "  Object q = io.github.gadn.tensorflow.TensorFlowEngine.class;",
        "}");
    assertThat(internalUses(source))
        .containsExactly(
            "line 4: import io.github.gadn.tensorflow.train.Stage1Run;",
            "line 5: import static io.github.gadn.tensorflow.io.Checkpoint.read;",
            "line 9: Object o = new io.github.gadn.tensorflow.train.RunFolder(null);",
            "line 10: Object p = io.github.gadn.tensorflow");
  }

  @Test
  void noMainSourceUsesAnEngineInternalPackage() throws IOException {
    Path root = Path.of("src", "main", "java");
    assertThat(root).isDirectory();
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java"))::iterator) {
        files++;
        for (String use : internalUses(Files.readString(file, StandardCharsets.UTF_8))) {
          violations.add(file + " " + use);
        }
      }
    }
    assertThat(files).as("Java files under %s", root).isGreaterThan(10);
    assertThat(violations)
        .as("engine-internal packages used by the examples (use gadn-api and %s only)", ENGINE)
        .isEmpty();
  }
}
