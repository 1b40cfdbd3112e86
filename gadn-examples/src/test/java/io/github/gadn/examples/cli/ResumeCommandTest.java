package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.engine.Engines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gadn stage1} end to end across resumes, on tiny networks: a run is trained, continued
 * with {@code --load-path} and a larger {@code --niter}, carried past a damaged {@code last} with
 * {@code --load-fallback}, and taken back to a numbered checkpoint with {@code --load-iter}; each
 * time the iteration reached is read from the command's report, the run's {@code log.csv} and its
 * numbered checkpoints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeCommandTest {
  @TempDir static Path dir;
  static Path run;

  private static CliOutcome gadn(String... args) {
    return CliOutcome.run(args);
  }

  /** {@code gadn stage1 --load-path RUN} plus {@code args}. */
  private static CliOutcome resume(String... args) {
    String[] command = {"stage1", "--load-path", run.toString()};
    String[] all = Arrays.copyOf(command, command.length + args.length);
    System.arraycopy(args, 0, all, command.length, args.length);
    return gadn(all);
  }

  /** The iteration column of the run's {@code log.csv}. */
  private static List<Long> logged() throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("log.csv"), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("iter,");
    return lines.subList(1, lines.size()).stream()
        .map(row -> Long.parseLong(row.substring(0, row.indexOf(','))))
        .toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  private static List<Long> numbered() throws IOException {
    return Engines.get().numberedCheckpoints(run);
  }

  @BeforeAll
  static void trainFourIterations() throws IOException {
    CliOutcome synth = gadn("synth", "handwriting", "--out", dir.resolve("data").toString(),
        "--writers", "2", "--per-digit", "1", "--image-size", "12");
    assertThat(synth.code()).as(synth.err()).isZero();
    run = dir.resolve("s1");
    CliOutcome o = gadn("stage1",
        "--data-root", dir.resolve("data/images-idx3-ubyte").toString(),
        "--labels", dir.resolve("data/labels-idx2-int").toString(),
        "--save-path", run.toString(),
        "--features", "4,8,16", "--content-size", "4", "--batch-size", "4",
        "--visualize-size", "1", "2",
        "--niter", "4", "--checkpoint-iter", "2", "--save-iter", "2", "--log-iter", "2");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("stage1: 4 iterations; run folder " + run);
    assertThat(logged()).isEqualTo(oneTo(4));
    assertThat(numbered()).containsExactly(2L, 4L);
  }

  @Test
  @Order(1)
  void aLargerNiterContinuesFromLast() throws IOException {
    CliOutcome o = resume("--niter", "7");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("stage1: 7 iterations");
    assertThat(logged()).isEqualTo(oneTo(7));
    assertThat(numbered()).containsExactly(2L, 4L, 6L, 7L);
    // The override is saved: resuming again without options has nothing left to do.
    CliOutcome again = resume();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("stage1: 7 iterations");
    assertThat(logged()).isEqualTo(oneTo(7));
  }

  @Test
  @Order(2)
  void aDamagedLastIsNamedAndTheFallbackContinuesFromTheNewestIntactCheckpoint()
      throws IOException {
    Path last = run.resolve("models").resolve("last.ckpt");
    byte[] bytes = Files.readAllBytes(last);
    Files.write(last, Arrays.copyOf(bytes, bytes.length / 2));
    CliOutcome refused = resume("--niter", "9");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains("checkpoint " + last + " cannot be loaded")
        .contains("--load-fallback resumes from the newest intact numbered checkpoint instead");
    CliOutcome o = resume("--niter", "9", "--load-fallback");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("stage1: 9 iterations");
    assertThat(logged()).isEqualTo(oneTo(9));
    assertThat(numbered()).containsExactly(2L, 4L, 6L, 7L, 8L, 9L);
  }

  @Test
  @Order(3)
  void aNumberedCheckpointTakesTheRunBackToItsIteration() throws IOException {
    CliOutcome o = resume("--load-iter", "4", "--niter", "6");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("stage1: 6 iterations");
    // The log keeps the rows up to the checkpoint and continues from there.
    assertThat(logged()).isEqualTo(oneTo(6));
    CliOutcome again = resume();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("stage1: 6 iterations");
  }

  @Test
  @Order(4)
  void aCheckpointTheRunDoesNotHaveIsRefusedByName() {
    CliOutcome missing = resume("--load-iter", "5");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("5.ckpt does not exist").contains("[2, 4, 6, 7, 8, 9]");
    CliOutcome zero = resume("--load-iter", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("option --load-iter takes last or an iteration number, got \"0\"");
  }
}
