package io.github.gadn.tensorflow;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.Classifier;
import io.github.gadn.ClassifierTrainer;
import io.github.gadn.EncodeResult;
import io.github.gadn.EnrolledStyle;
import io.github.gadn.GadnModel;
import io.github.gadn.GanTrainer;
import io.github.gadn.ImageBatch;
import io.github.gadn.ModelWeights;
import io.github.gadn.ResumeFrom;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.GadnEngine;
import io.github.gadn.tensorflow.train.ClassifierRun;
import io.github.gadn.tensorflow.train.EncodeStep;
import io.github.gadn.tensorflow.train.EnrolledStyles;
import io.github.gadn.tensorflow.train.GanRun;
import io.github.gadn.tensorflow.train.ModelLoader;
import io.github.gadn.tensorflow.train.RunFolder;
import io.github.gadn.tensorflow.train.Stage1Run;
import io.github.gadn.tensorflow.train.Stage2Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The TensorFlow Java engine: graph-mode training, one {@code Session.run} per iteration. Get it
 * with {@link io.github.gadn.engine.Engines#get()}; every method is documented on {@link
 * GadnEngine}.
 */
public final class TensorFlowEngine implements GadnEngine {

  /**
   * Creates an engine. It holds no resources, so any number may exist; {@link
   * io.github.gadn.engine.Engines#get()} returns a shared one.
   */
  public TensorFlowEngine() {}

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
  public Stage1Trainer resumeStage1(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<Stage1Config.Builder> overrides,
      LabelledDataset data)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage1Run.resume(runDirectory, from.checkpoint(), from.fallback(), overrides, data);
  }

  @Override
  public Stage1Config readStage1Config(Path stage1Run) throws IOException {
    return Stage1Run.savedConfig(stage1Run);
  }

  @Override
  public List<Long> numberedCheckpoints(Path runDirectory) throws IOException {
    return List.copyOf(new RunFolder(runDirectory).numberedIterations());
  }

  @Override
  public EncodeResult encode(
      Path stage1Run, long iteration, LabelledDataset data, RunOptions resources)
      throws IOException {
    return EncodeStep.encode(stage1Run, iteration, data, resources);
  }

  @Override
  public boolean isEncoded(Path stage1Run, long iteration) {
    return EncodeStep.isEncoded(stage1Run, iteration);
  }

  @Override
  public ClassifierTrainer classifier(
      ClassifierConfig config, LabelledDataset data, Path runDirectory) throws IOException {
    SpeedSettings.reportOnce();
    return ClassifierRun.start(config, data, runDirectory);
  }

  @Override
  public ClassifierTrainer resumeClassifier(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<ClassifierConfig.Builder> overrides,
      LabelledDataset data)
      throws IOException {
    SpeedSettings.reportOnce();
    return ClassifierRun.resume(runDirectory, from.checkpoint(), from.fallback(), overrides, data);
  }

  @Override
  public Classifier loadClassifier(Path runDirectory, String checkpoint) throws IOException {
    return ModelLoader.loadClassifier(runDirectory, checkpoint);
  }

  @Override
  public Stage2Trainer stage2(Stage2Config config, LabelledDataset data, Path runDirectory)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage2Run.start(config, data, runDirectory);
  }

  @Override
  public Stage2Trainer resumeStage2(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<Stage2Config.Builder> overrides,
      LabelledDataset data)
      throws IOException {
    SpeedSettings.reportOnce();
    return Stage2Run.resume(runDirectory, from.checkpoint(), from.fallback(), overrides, data);
  }

  @Override
  public GanTrainer gan(GanConfig config, LabelledDataset data, Path runDirectory)
      throws IOException {
    SpeedSettings.reportOnce();
    return GanRun.start(config, data, runDirectory);
  }

  @Override
  public GanTrainer resumeGan(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<GanConfig.Builder> overrides,
      LabelledDataset data)
      throws IOException {
    SpeedSettings.reportOnce();
    return GanRun.resume(runDirectory, from.checkpoint(), from.fallback(), overrides, data);
  }

  @Override
  public GadnModel load(Path runDirectory, String checkpoint) throws IOException {
    return ModelLoader.load(runDirectory, checkpoint);
  }

  @Override
  public GadnModel load(Path runDirectory, String checkpoint, RunOptions run) throws IOException {
    return ModelLoader.load(runDirectory, checkpoint, run);
  }

  @Override
  public EnrolledStyle enroll(
      Path runDirectory,
      String checkpoint,
      String name,
      ImageBatch images,
      EnrollConfig config,
      boolean replace,
      RunOptions run)
      throws IOException {
    EnrolledStyle.checkName(name);
    try (GadnModel model = run == null ? load(runDirectory, checkpoint) : load(runDirectory, checkpoint, run)) {
      checkArgument(
          !model.styles().classNames().contains(name),
          "\"%s\" is a trained style class of %s: choose another name", name, runDirectory);
      checkArgument(
          replace || model.styles().enrolled(name).isEmpty(),
          "a style named \"%s\" is already enrolled in %s (%s): choose another name or replace it",
          name, runDirectory, EnrolledStyles.file(runDirectory, name));
      EnrolledStyle entry = model.fitStyle(name, images, config);
      EnrolledStyles.write(runDirectory, entry);
      return entry;
    }
  }

  @Override
  public GadnModel load(
      Path runDirectory, String checkpoint, RunOptions run, ModelWeights weights)
      throws IOException {
    return ModelLoader.load(runDirectory, checkpoint, run, weights);
  }
}
