package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.EnrolledStyle;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.config.RunOptions;
import io.github.gadn.engine.GadnEngine;
import io.github.gadn.tensorflow.TensorFlowEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolling a new style (docs/method.md §3.12a) on a tiny stage-1 run trained on two classes of
 * toy blobs; the enrolled images are blobs of a third colour the run never saw.
 */
class EnrollTest {
  @TempDir static Path tmp;
  static Path run;
  static final GadnEngine ENGINE = new TensorFlowEngine();
  static final EnrollConfig FIT = EnrollConfig.builder().iterations(60).learningRate(0.05).seed(5).build();

  @BeforeAll
  static void tinyRun() throws IOException {
    run = tmp.resolve("run");
    var config = TinyStage1.minimal().lr(2e-3).styleLr(2e-3).lrRamp(10).classCount(2).inkWeights(0.2)
        .run(RunOptions.builder().niter(80).seed(2).saveIter(80).checkpointIter(80).logIter(80)
            .visualizeIter(80).build())
        .build();
    try (Stage1Run trainer = Stage1Run.start(config, new ToyDataset(12, 2, 40), run)) {
      trainer.train(TrainingListener.none());
    }
  }

  /** {@code count} toy blobs of class 2 (a colour the run never saw). */
  static ImageBatch newStyle(int count) throws IOException {
    ToyDataset third = new ToyDataset(12, 3, 3 * count + 3);
    float[] pixels = new float[count * 12 * 12 * 4];
    for (int i = 0; i < count; i++) {
      System.arraycopy(third.sample(3 * i + 2).rgba(), 0, pixels, i * 12 * 12 * 4, 12 * 12 * 4);
    }
    return ImageBatch.of(count, 12, pixels);
  }

  @Test
  void enrollingStoresAnEntryThatLowersTheLossAndLeavesTheTrainedRowsAlone() throws IOException {
    byte[] checkpoint = Files.readAllBytes(run.resolve("models/last.ckpt"));
    GaussianCodes before;
    try (GadnModel model = ENGINE.load(run, "last")) {
      before = model.styles().styles(0, 1);
    }
    EnrolledStyle entry = ENGINE.enroll(run, "last", "blue", newStyle(6), FIT, false, null);

    assertThat(entry.loss()).as("%s", entry).isLessThan(0.99 * entry.zeroStyleLoss());
    assertThat(Files.readAllBytes(run.resolve("models/last.ckpt"))).isEqualTo(checkpoint);
    assertThat(run.resolve("enrolled/blue.json")).isRegularFile();
    try (GadnModel model = ENGINE.load(run, "last")) {
      GaussianCodes after = model.styles().styles(0, 1);
      assertThat(after.mean().toArray()).isEqualTo(before.mean().toArray());
      assertThat(after.std().toArray()).isEqualTo(before.std().toArray());
      assertThat(model.styles().enrolledNames()).containsExactly("blue");
      assertThat(model.styles().names()).containsExactly("class0", "class1", "blue");
      assertThat(model.styles().mean("blue")).isEqualTo(entry.mean());
      assertThat(model.styles().enrolled("blue")).contains(entry);
    }

    assertThatThrownBy(() -> ENGINE.enroll(run, "last", "blue", newStyle(2), FIT, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a style named \"blue\" is already enrolled in");
    EnrolledStyle again = ENGINE.enroll(run, "last", "blue", newStyle(2), FIT, true, null);
    assertThat(again.imageCount()).isEqualTo(2);
    assertThatThrownBy(() -> ENGINE.enroll(run, "last", "class1", newStyle(2), FIT, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"class1\" is a trained style class of");
    assertThatThrownBy(
            () -> ENGINE.enroll(tmp.resolve("missing"), "last", "x", newStyle(1), FIT, false, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a run folder");
  }

  @Test
  void fittingIsDeterministicForASeedAndChecksItsInputs() throws IOException {
    ImageBatch images = newStyle(3);
    try (GadnModel model = ENGINE.load(run, "last")) {
      EnrolledStyle a = model.fitStyle("a", images, FIT);
      EnrolledStyle b = model.fitStyle("a", images, FIT);
      EnrolledStyle c = model.fitStyle("a", images, FIT.toBuilder().seed(6).build());
      assertThat(b.mean()).isEqualTo(a.mean());
      assertThat(b.std()).isEqualTo(a.std());
      assertThat(c.mean()).isNotEqualTo(a.mean());

      assertThatThrownBy(() -> model.fitStyle("a", ImageBatch.of(0, 12, new float[0]), FIT))
          .hasMessage("a style is fitted from 1 to 50 images, got 0");
      ImageBatch many = ImageBatch.of(51, 12, new float[51 * 12 * 12 * 4]);
      assertThatThrownBy(() -> model.fitStyle("a", many, FIT))
          .hasMessage("a style is fitted from 1 to 50 images, got 51");
      assertThatThrownBy(() -> model.fitStyle("a", ImageBatch.of(1, 14, new float[14 * 14 * 4]), FIT))
          .hasMessage("the model draws 12-px images, got 14 px");
      assertThatThrownBy(() -> model.fitStyle("all", images, FIT))
          .hasMessage("style name \"all\" is reserved");
      assertThatThrownBy(() -> model.fitStyle("../x", images, FIT))
          .hasMessageContaining("must be 1-64 letters");
    }
    assertThat(List.of(EnrollConfig.MIN_IMAGES, EnrollConfig.MAX_IMAGES)).containsExactly(1, 50);
  }
}
