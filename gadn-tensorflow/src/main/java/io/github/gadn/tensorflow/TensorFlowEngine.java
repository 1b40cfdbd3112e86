package io.github.gadn.tensorflow;

import io.github.gadn.Classifier;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.GadnEngine;
import io.github.gadn.tensorflow.train.ModelLoader;
import io.github.gadn.tensorflow.train.Stage1Run;
import io.github.gadn.tensorflow.train.Stage2Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The TensorFlow Java engine: graph-mode training, one {@code Session.run} per iteration. */
public final class TensorFlowEngine implements GadnEngine {

  @Override
  public String name() {
    return TensorFlowEngineProvider.NAME;
  }

  @Override
  public Stage1Trainer stage1(Stage1Config config, LabelledDataset data, Path runDirectory)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage1Run.start(config, data, runDirectory);
  }

  @Override
  public Stage2Trainer stage2(Stage2Config config, LabelledDataset data, Path runDirectory)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage2Run.start(config, data, runDirectory);
  }

  @Override
  public Classifier loadClassifier(Path runDirectory, String checkpoint) throws IOException {
    return ModelLoader.loadClassifier(runDirectory, checkpoint);
  }

  @Override
  public io.github.gadn.GadnModel load(Path runDirectory, String checkpoint) throws IOException {
    return ModelLoader.load(runDirectory, checkpoint);
  }

  @Override
  public io.github.gadn.GadnModel load(
      Path runDirectory, String checkpoint, io.github.gadn.config.RunOptions run)
      throws IOException {
    return io.github.gadn.tensorflow.train.ModelLoader.load(runDirectory, checkpoint, run);
  }

  @Override
  public Stage1Trainer resumeStage1(
      Path runDirectory, UnaryOperator<Stage1Config.Builder> overrides, LabelledDataset data)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage1Run.resume(runDirectory, "last", false, overrides, data);
  }
}
