package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders that carry their data: after the first command, resume, encode, a classifier on the
 * same data and stage 2 need no data option; changed or moved data and missing numbered
 * checkpoints are refused by message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunFolderDataTest {
  @TempDir static Path dir;
  static String images;
  static String labels;

  private static CliOutcome gadn(String... args) {
    return CliOutcome.run(args);
  }

  private static String firstLine(CliOutcome o) {
    return o.err().lines().findFirst().orElse("");
  }

  private static String run(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeAll
  static void synth() {
    assertThat(gadn("synth", "handwriting", "--out", run("data"), "--writers", "2", "--per-digit",
        "2", "--image-size", "12").code()).isZero();
    images = dir.resolve("data/images-idx3-ubyte").toString();
    labels = dir.resolve("data/labels-idx2-int").toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> options(String run) throws IOException {
    return (Map<String, ?>) Json.parse(Files.readString(Path.of(run, "options.json")));
  }

  @Test
  @Order(1)
  void aRunRecordsItsDataAndEndsWithANumberedCheckpoint() throws Exception {
    CliOutcome o = gadn("stage1", "--data-root", images, "--labels", labels, "--save-path", run("s1"),
        "--features", "4,8,16", "--content-size", "4", "--batch-size", "4", "--niter", "3",
        "--visualize-size", "1", "2");
    assertThat(o.code()).as(o.err()).isZero();
    // shorter than --checkpoint-iter (20,000), yet a numbered checkpoint of its last iteration
    assertThat(dir.resolve("s1/models/3.ckpt")).isRegularFile();
    Map<String, ?> source = (Map<String, ?>) options(run("s1")).get("dataSource");
    assertThat(source.get("root")).isEqualTo(Path.of(images).toAbsolutePath().toString());
    assertThat(source.get("labels")).isEqualTo(Path.of(labels).toAbsolutePath().toString());
    assertThat(source.get("label")).isEqualTo("digit");
    assertThat(((Number) options(run("s1")).get("dataSize")).intValue()).isEqualTo(40);
  }

  @Test
  @Order(2)
  void resumeNeedsNoDataOption() throws Exception {
    CliOutcome o = gadn("stage1", "--load-path", run("s1"), "--niter", "5");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("stage1: 5 iterations");
    assertThat(dir.resolve("s1/models/5.ckpt")).isRegularFile();
    assertThat(Files.readAllLines(dir.resolve("s1/log.csv"))).hasSize(1 + 5);
  }

  @Test
  @Order(3)
  void encodeNeedsOnlyTheRunAndTakesTheNewestNumberedCheckpoint() {
    CliOutcome o = gadn("encode", "--enc-path", run("s1"));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("40 codes of checkpoint 5");
    assertThat(dir.resolve("s1/codes/5_codes.ckpt")).isRegularFile();
  }

  @Test
  @Order(4)
  void aClassifierTrainsOnTheDataOfAnotherRun() throws Exception {
    CliOutcome o = gadn("classifier", "--data-from", run("s1"), "--save-path", run("cla"),
        "--features", "4,8,16", "--batch-size", "4", "--niter", "2");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(options(run("cla")).get("dataFingerprint"))
        .isEqualTo(options(run("s1")).get("dataFingerprint"));
    assertThat(dir.resolve("cla/models/2.ckpt")).isRegularFile();
  }

  @Test
  @Order(5)
  void stage2NeedsOnlyItsStage1AndClassifierRuns() throws Exception {
    CliOutcome o = gadn("stage2", "--enc-path", run("s1"), "--cla-path", run("cla"), "--save-path",
        run("s2"), "--batch-size", "4", "--niter", "2", "--max-dis-batches", "2",
        "--visualize-size", "1", "2");
    assertThat(o.code()).as(o.err()).isZero();
    Map<String, ?> options = options(run("s2"));
    assertThat(((Number) options.get("stage1Iter")).longValue()).isEqualTo(5);
    assertThat(((Number) options.get("classifierIter")).longValue()).isEqualTo(2);
    assertThat(gadn("stage2", "--load-path", run("s2"), "--niter", "3").code()).isZero();
    assertThat(dir.resolve("s2/models/3.ckpt")).isRegularFile();
  }

  @Test
  @Order(6)
  void aRunWithoutANumberedCheckpointIsRefusedByName() throws Exception {
    copy(dir.resolve("s1"), dir.resolve("s1-last-only"));
    try (Stream<Path> files = Files.list(dir.resolve("s1-last-only/models"))) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().matches("\\d+\\.ckpt")) {
          Files.delete(f);
        }
      }
    }
    CliOutcome o = gadn("encode", "--enc-path", run("s1-last-only"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(firstLine(o)).isEqualTo("gadn encode: " + run("s1-last-only") + " has no numbered"
        + " checkpoint (a run writes one every --checkpoint-iter iterations and when it ends):"
        + " finish it first with --load-path " + run("s1-last-only") + ", or give --enc-iter");
  }

  @Test
  @Order(7)
  void movedDataIsFoundAgainWithDataRoot() throws Exception {
    copy(dir.resolve("data"), dir.resolve("data-moved"));
    String movedImages = run("data-moved/images-idx3-ubyte");
    String movedLabels = run("data-moved/labels-idx2-int");
    assertThat(gadn("stage1", "--data-root", movedImages, "--labels", movedLabels, "--save-path",
        run("s1-moved"), "--features", "4,8,16", "--content-size", "4", "--batch-size", "4",
        "--niter", "1").code()).isZero();
    copy(dir.resolve("data-moved"), dir.resolve("data-moved-again"));
    delete(dir.resolve("data-moved"));
    CliOutcome o = gadn("encode", "--enc-path", run("s1-moved"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(firstLine(o)).isEqualTo("gadn encode: the data root "
        + Path.of(movedImages).toAbsolutePath() + " recorded in " + run("s1-moved/options.json")
        + " does not exist: give --data-root where the data is now");
    CliOutcome again = gadn("encode", "--enc-path", run("s1-moved"), "--data-root",
        run("data-moved-again/images-idx3-ubyte"), "--labels", run("data-moved-again/labels-idx2-int"));
    assertThat(again.code()).as(again.err()).isZero();
  }

  @Test
  @Order(8)
  void changedDataIsRefusedNamingTheDifferenceUnlessAllowed() throws Exception {
    assertThat(gadn("synth", "handwriting", "--out", run("other"), "--writers", "3", "--per-digit",
        "2", "--image-size", "12").code()).isZero();
    String otherImages = run("other/images-idx3-ubyte");
    String otherLabels = run("other/labels-idx2-int");
    CliOutcome o = gadn("stage1", "--load-path", run("s1"), "--niter", "6", "--data-root", otherImages,
        "--labels", otherLabels);
    assertThat(o.code()).isEqualTo(1);
    assertThat(firstLine(o)).startsWith("gadn stage1: data " + Path.of(otherImages).toAbsolutePath()
        + " (digit) differs from the data " + run("s1") + " was trained on (")
        .endsWith("): 60 images instead of 40 (give --allow-changed-data to use it anyway)");
    assertThat(dir.resolve("s1/models/6.ckpt")).doesNotExist();
    CliOutcome allowed = gadn("stage1", "--load-path", run("s1"), "--niter", "6", "--data-root",
        otherImages, "--labels", otherLabels, "--allow-changed-data");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(dir.resolve("s1/models/6.ckpt")).isRegularFile();
  }

  @Test
  @Order(9)
  void aRunMadeWithoutARecordedSourceAsksForTheData() throws Exception {
    copy(dir.resolve("s1-moved"), dir.resolve("s1-old"));
    Path file = dir.resolve("s1-old/options.json");
    String json = Files.readString(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) Json.parse(json);
    map.remove("dataSource");
    Files.writeString(file, Json.write(map));
    CliOutcome o = gadn("encode", "--enc-path", run("s1-old"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(firstLine(o)).isEqualTo("gadn encode: " + run("s1-old") + " does not record its"
        + " data options (it was made by an earlier version, or from data built in code): give"
        + " --data-root and the other data options");
  }

  private static void copy(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(from)) {
      all = walk.toList();
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }

  private static void delete(Path root) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
    }
    for (Path p : all) {
      Files.delete(p);
    }
  }
}
