package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverfitAndRestoreTest {

  private static Batch fixedBatch(Stage1Config config) {
    ToyDataset data = new ToyDataset(config.imageSize(), config.classCount(), config.batchSize());
    int n = config.batchSize();
    int r = config.imageSize();
    float[] rgba = new float[n * r * r * 4];
    int[] labels = new int[n];
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      var s = data.sample(i);
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      labels[i] = s.label();
      indices[i] = i;
    }
    return new Batch(n, r, rgba, null, labels, indices);
  }

  @Test
  void tinyEncoderGeneratorOverfitsOneBatchWithOneSessionRunPerStep() {
    Stage1Config config =
        TinyStage1.config().claWeight(0).lr(5e-3).styleLr(5e-3).lrRamp(0)
            .contentDropout(1).styleDropout(1).build();
    Batch batch = fixedBatch(config);
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, 1)) {
      double first = h.step(batch, 1)[0];
      long before = Feeds.RUNS.get();
      double last = first;
      int steps = 1200;
      for (int t = 2; t <= steps + 1; t++) {
        last = h.step(batch, t)[0];
      }
      assertThat(Feeds.RUNS.get() - before).isEqualTo(steps);
      assertThat(last).as("rec first %s last %s", first, last).isLessThan(first / 10);
    }
  }

  @Test
  void saveThenRestoreGivesBitIdenticalOutputs(@TempDir Path dir) throws Exception {
    Stage1Config config = TinyStage1.config().build();
    Batch batch = fixedBatch(config);
    Path file = dir.resolve("c.ckpt");
    float[][] expected;
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, 1)) {
      for (int t = 1; t <= 3; t++) {
        h.step(batch, t);
      }
      ParamStore store = h.stage1.store;
      Map<String, float[]> values = store.read(h.graph.session(), store.all());
      Map<String, long[]> shapes = new LinkedHashMap<>();
      store.all().forEach(p -> shapes.put(p.name(), p.shape()));
      new Checkpoint(Map.of("iteration", "3"), values, shapes).write(file);
      expected = h.stage1.visualize(h.graph.session(), batch.rgba(), batch.labels(), 12);
    }
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, 99)) {
      h.stage1.store.write(h.graph.session(), Checkpoint.read(file).tensors());
      float[][] actual = h.stage1.visualize(h.graph.session(), batch.rgba(), batch.labels(), 12);
      for (int i = 0; i < 3; i++) {
        assertThat(actual[i]).containsExactly(expected[i]);
      }
    }
  }
}
