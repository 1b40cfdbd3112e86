package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.NonFiniteLossException;
import io.github.gadn.NonFiniteWeightException;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN in losses or weights stops training before {@code last} is overwritten. */
class NonFiniteGuardTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 24);

  private static Stage1Config config() {
    return TinyStage1.minimal()
        .run(RunOptions.builder().niter(10).seed(5).saveIter(2).visualizeIter(1000).build())
        .build();
  }

  /** Writes NaN into the first variable matching {@code which} once iteration {@code at} ends. */
  private static TrainingListener poisonAt(Stage1Run run, long at, Predicate<ParamStore.Param> which) {
    return event -> {
      if (event.iteration() == at) {
        ParamStore.Param p = run.store.select(which).get(0);
        float[] nan = new float[(int) p.size()];
        Arrays.fill(nan, Float.NaN);
        run.store.write(run.graph.session(), Map.of(p.name(), nan));
      }
    };
  }

  @Test
  void aNonFiniteVariableAtSaveTimeStopsWithoutTouchingLast(@TempDir Path dir) throws Exception {
    Path last = dir.resolve("run/models/last.ckpt");
    byte[][] saved = new byte[1][];
    try (Stage1Run run = Stage1Run.start(config(), DATA, dir.resolve("run"))) {
      // An Adam moment: no loss of this iteration sees it, only the weight check can.
      ParamStore.Param slot =
          run.store.select(p -> p.name().startsWith("opt/") && p.name().endsWith("/m")).get(0);
      TrainingListener poison = poisonAt(run, 4, p -> p == slot);
      assertThatThrownBy(
              () ->
                  run.train(
                      event -> {
                        if (event.iteration() == 3) {
                          try {
                            saved[0] = Files.readAllBytes(last);
                          } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                        }
                        poison.onIteration(event);
                      }))
          .isInstanceOf(NonFiniteWeightException.class)
          .hasMessageStartingWith("stage1: variable \"" + slot.name() + "\" holds NaN or infinity"
              + " at iteration 4; stopped without writing " + last);
    }
    assertThat(Files.readAllBytes(last)).isEqualTo(saved[0]);
    assertThat(Checkpoint.read(last).metadata()).containsEntry("iteration", "2");
  }

  @Test
  void aNonFiniteLossStopsWithoutSaving(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    try (Stage1Run trainer = Stage1Run.start(config(), DATA, run)) {
      ParamStore.Param weight = trainer.store.select(p -> p.name().startsWith("enc/")).get(0);
      assertThatThrownBy(() -> trainer.train(poisonAt(trainer, 3, p -> p == weight)))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageMatching("stage1: loss \"[a-z-]+\" became NaN at iteration 4; stopped without"
              + " saving .*");
    }
    assertThat(Checkpoint.read(run.resolve("models/last.ckpt")).metadata())
        .containsEntry("iteration", "2");
  }
}
