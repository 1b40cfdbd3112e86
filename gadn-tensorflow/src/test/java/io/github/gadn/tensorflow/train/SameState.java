package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.TrainingListener;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Asserts that two runs ended in the same state. */
final class SameState {
  private SameState() {}

  /** Opens a run in a folder: starts it, or resumes it from a checkpoint. */
  @FunctionalInterface
  interface Opener {
    TrainingRun open(Path run) throws IOException;
  }

  /** Resumes the run in a folder from checkpoint {@code which}. */
  @FunctionalInterface
  interface Resumer {
    TrainingRun open(Path run, String which) throws IOException;
  }

  /**
   * Trains a fresh run to its end, copies its folder, resumes the copy from its numbered
   * checkpoint {@code from} and trains it to the same end: the two end in the same state and
   * with the same log (every iteration once, the same losses).
   *
   * @return the resumed run's folder
   */
  static Path assertResumeIsExact(Path dir, long from, Opener start, Resumer resume)
      throws IOException {
    Path straight = dir.resolve("straight");
    try (TrainingRun run = start.open(straight)) {
      run.train(TrainingListener.none());
    }
    Path resumed = dir.resolve("resumed");
    copy(straight, resumed);
    try (TrainingRun run = resume.open(resumed, Long.toString(from))) {
      assertThat(run.iteration()).isEqualTo(from);
      run.train(TrainingListener.none());
    }
    assertSameLast(straight, resumed);
    RunFolder a = new RunFolder(straight);
    assertThat(Files.readAllLines(new RunFolder(resumed).log())).isEqualTo(Files.readAllLines(a.log()));
    return resumed;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
  }

  /**
   * The {@code last} checkpoints of two run folders hold bit-identical variables (weights and
   * optimiser slots) and the same trainer state (iteration, data position, D-batch counter).
   */
  static void assertSameLast(Path expectedRun, Path actualRun) throws IOException {
    Checkpoint expected = Checkpoint.read(new RunFolder(expectedRun).last());
    Checkpoint actual = Checkpoint.read(new RunFolder(actualRun).last());
    assertThat(actual.metadata()).isEqualTo(expected.metadata());
    Map<String, float[]> a = actual.tensors();
    assertThat(a.keySet()).isEqualTo(expected.tensors().keySet());
    expected.tensors().forEach((name, values) -> assertThat(a.get(name)).as(name).containsExactly(values));
  }
}
