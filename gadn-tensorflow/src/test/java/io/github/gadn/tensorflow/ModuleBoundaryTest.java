package io.github.gadn.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.engine.EngineProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a JPMS module: only its entry package is exported, so a modular application can
 * use the engine through gadn-api but cannot compile against, or reflect into, its internals; and
 * the engine, TensorFlow Java, Guava and SLF4J resolve and train on the module path.
 */
class ModuleBoundaryTest {
  /** Jars a module-path application of the engine needs, by file-name prefix. */
  private static final List<String> RUNTIME_JARS =
      List.of("gadn-api-", "tensorflow-core-api-", "tensorflow-core-native-", "ndarray-",
          "javacpp-", "protobuf-java-", "guava-", "failureaccess-", "slf4j-api-", "xz-");

  private static Path engineClasses() throws URISyntaxException {
    return Path.of(TensorFlowEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The engine's classes plus the jars of its dependencies (and the natives), from the class path. */
  private static String modulePath() throws URISyntaxException {
    List<String> entries = new ArrayList<>(List.of(engineClasses().toString()));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      if (name.endsWith(".jar") && RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void theDescriptorExportsOnlyTheEntryPackageAndProvidesTheEngine() throws Exception {
    ModuleReference ref =
        ModuleFinder.of(engineClasses()).find("io.github.gadn.tensorflow").orElseThrow();
    ModuleDescriptor descriptor = ref.descriptor();
    assertThat(descriptor.isAutomatic()).isFalse();
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.github.gadn.tensorflow");
    assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.service()).isEqualTo(EngineProvider.class.getName());
          assertThat(p.providers()).containsExactly(TensorFlowEngineProvider.class.getName());
        });
    // Everything else the engine holds stays inside.
    Set<String> hidden =
        descriptor.packages().stream()
            .filter(p -> !p.equals("io.github.gadn.tensorflow"))
            .collect(Collectors.toSet());
    assertThat(hidden)
        .contains("io.github.gadn.tensorflow.train", "io.github.gadn.tensorflow.nn",
            "io.github.gadn.tensorflow.net", "io.github.gadn.tensorflow.loss",
            "io.github.gadn.tensorflow.optim", "io.github.gadn.tensorflow.infer",
            "io.github.gadn.tensorflow.io");
  }

  /** Writes a client module {@code client} whose {@code Main} uses the given body. */
  private static Path client(Path dir, String imports, String body) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("client"));
    Files.writeString(src.resolve("module-info.java"),
        "module client { requires io.github.gadn.tensorflow; }\n");
    Files.writeString(src.resolve("client/Main.java"),
        "package client;\n" + imports + "\npublic final class Main {\n"
            + "  public static void main(String[] args) throws Exception {\n" + body + "\n  }\n}\n");
    return src;
  }

  /** Compiles a client module with the JDK's javac; returns its exit code and its diagnostics. */
  private static String[] compile(Path src, Path out) throws Exception {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
        "--release", "17", "-d", out.toString(), "--module-path", modulePath(),
        src.resolve("module-info.java").toString(), src.resolve("client/Main.java").toString());
    return runToEnd(command);
  }

  /** Runs a process to its end (at most two minutes); returns its exit code and its output. */
  private static String[] runToEnd(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    p.getInputStream().transferTo(output);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
    return new String[] {Integer.toString(p.exitValue()), output.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void aModularApplicationCannotCompileAgainstTheInternals(@TempDir Path dir) throws Exception {
    Path src = client(dir, "import io.github.gadn.tensorflow.train.Stage1Run;",
        "    System.out.println(Stage1Run.class);");
    String[] result = compile(src, dir.resolve("out"));
    assertThat(result[0]).isNotEqualTo("0");
    assertThat(result[1])
        .contains("package io.github.gadn.tensorflow.train is not visible")
        .contains("declared in module io.github.gadn.tensorflow, which does not export it");
  }

  @Test
  void aModularApplicationTrainsThroughTheApiAndCannotReachTheInternals(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    Path src = client(dir,
        String.join("\n",
            "import io.github.gadn.Stage1Trainer;",
            "import io.github.gadn.TrainingListener;",
            "import io.github.gadn.config.NetworkStructure;",
            "import io.github.gadn.config.RunOptions;",
            "import io.github.gadn.config.Stage1Config;",
            "import io.github.gadn.data.LabelledDataset;",
            "import io.github.gadn.data.synth.SyntheticHandwriting;",
            "import io.github.gadn.engine.Engines;",
            "import java.nio.file.Path;",
            "import java.util.List;"),
        String.join("\n",
            "    LabelledDataset data = SyntheticHandwriting.generate(2, 1, 12, 1).dataset(\"digit\");",
            "    List<Integer> f = List.of(4, 8);",
            "    Stage1Config config = Stage1Config.defaults(12, data.classCount())",
            "        .encoder(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, f))",
            "        .generator(NetworkStructure.defaults(NetworkStructure.Kind.GENERATOR, f))",
            "        .classifier(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, f))",
            "        .contentSize(4).styleSize(3).contentDropout(0.5).styleDropout(0.5).batchSize(4)",
            "        .visRows(1).visCols(2)",
            "        .run(RunOptions.builder().niter(2).build()).build();",
            "    try (Stage1Trainer t = Engines.get().stage1(config, data, Path.of(args[0]))) {",
            "      t.train(TrainingListener.none());",
            "      System.out.println(Engines.get().name() + \" trained to \" + t.iteration());",
            "    }",
            "    Class<?> internal = Class.forName(\"io.github.gadn.tensorflow.train.Stage1Run\");",
            "    try {",
            "      internal.getMethod(\"savedConfig\", Path.class).invoke(null, Path.of(args[0]));",
            "      System.out.println(\"internal reachable\");",
            "    } catch (IllegalAccessException e) {",
            "      System.out.println(\"internal refused: \" + e.getMessage());",
            "    }"));
    Path out = dir.resolve("out");
    String[] compiled = compile(src, out);
    assertThat(compiled[0]).as(compiled[1]).isEqualTo("0");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", out + File.pathSeparator + modulePath(),
        "--module", "client/client.Main", run.toString());
    String[] result = runToEnd(command);
    String text = result[1];
    assertThat(result[0]).as(text).isEqualTo("0");
    assertThat(text)
        .contains("tensorflow trained to 2")
        .contains("internal refused: ")
        .contains("module io.github.gadn.tensorflow does not export io.github.gadn.tensorflow.train")
        .doesNotContain("internal reachable");
    assertThat(run.resolve("models").resolve("2.ckpt")).isRegularFile();
  }
}
