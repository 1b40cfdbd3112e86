package io.github.gadn.tensorflow.train;

import io.github.gadn.Classifier;
import io.github.gadn.GadnModel;
import io.github.gadn.ModelWeights;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.infer.TfClassifier;
import io.github.gadn.tensorflow.infer.TfModel;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.optim.Ema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads {@link GadnModel}s from stage-1 and stage-2 run folders, and {@link Classifier}s. */
public final class ModelLoader {
  private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

  private ModelLoader() {}

  /**
   * Loads a model.
   *
   * @param dir a stage-1 or stage-2 run folder
   * @param which {@code "last"} or a numbered checkpoint
   * @throws IOException naming the missing or corrupt file, or a folder that is not such a run
   */
  public static GadnModel load(Path dir, String which) throws IOException {
    return load(dir, which, RunOptions.builder().build());
  }

  /**
   * Loads a model whose graph runs on the device and with the engine threads of {@code run}.
   *
   * @param dir a stage-1 or stage-2 run folder
   * @param which {@code "last"} or a numbered checkpoint
   * @param run device and threads (the other fields are not used)
   * @throws IOException naming the missing or corrupt file, or a folder that is not such a run
   */
  public static GadnModel load(Path dir, String which, RunOptions run) throws IOException {
    return load(dir, which, run, ModelWeights.AVERAGED);
  }

  /**
   * Loads a model with the chosen weights of G and S: a stage-2 checkpoint's bias-corrected
   * weight average ({@link Ema}) by default, where it has one, or the trained weights.
   *
   * @param dir a stage-1 or stage-2 run folder
   * @param which {@code "last"} or a numbered checkpoint
   * @param run device and threads (the other fields are not used)
   * @param choice averaged (the trained weights where there is no average) or raw weights
   * @throws IOException naming the missing or corrupt file, or a folder that is not such a run
   */
  public static GadnModel load(Path dir, String which, RunOptions run, ModelWeights choice)
      throws IOException {
    RunFolder folder = new RunFolder(dir);
    String stage = stageOf(folder);
    Path file = folder.checkpoint(which);
    if ("stage1".equals(stage)) {
      Map<String, ?> options = TrainingRun.readOptions(folder, Stage1Run.STAGE);
      Stage1Config c = ConfigMaps.stage1(options).build();
      Checkpoint checkpoint = Checkpoint.read(file, Checkpoint::notOptimizerSlot);
      long iteration = Long.parseLong(checkpoint.metadata().get("iteration"));
      return withEnrolled(dir, StyleFit.Settings.of(c), c.styleSize(), new TfModel(
          c.encoder(), c.generator(), c.imageSize(), c.contentSize(), c.styleSize(),
          classNames(options), checkpoint.tensors(), stats(dir, iteration), run, ModelWeights.RAW));
    }
    if ("stage2".equals(stage)) {
      Map<String, ?> options = TrainingRun.readOptions(folder, Stage2Run.STAGE);
      Stage2Config c = ConfigMaps.stage2(options).build();
      @SuppressWarnings("unchecked")
      Map<String, ?> r = (Map<String, ?>) options.get("resolved");
      Checkpoint checkpoint = Checkpoint.read(file, Checkpoint::notOptimizerSlot);
      Map<String, float[]> weights = new LinkedHashMap<>(Ema.withoutAverage(checkpoint.tensors()));
      ModelWeights used = ModelWeights.RAW;
      if (choice == ModelWeights.AVERAGED) {
        Optional<Map<String, float[]>> averaged = Ema.averaged(checkpoint.tensors());
        if (averaged.isPresent()) {
          weights = new LinkedHashMap<>(averaged.get());
          used = ModelWeights.AVERAGED;
          log.debug("{}: G and S use their bias-corrected weight average", file);
        } else if (checkpoint.tensors().containsKey(Ema.STEPS)) {
          log.info("{}: the weight average has no update yet; G and S use the trained weights", file);
        } else if (c.emaBeta() > 0) {
          log.warn("{} holds no weight average although emaBeta is {}; G and S use the trained"
              + " weights", file, c.emaBeta());
        }
      }
      Path stage1 = Path.of(c.stage1Run());
      if (weights.keySet().stream().noneMatch(k -> k.startsWith("enc/"))) {
        Checkpoint s1 =
            Checkpoint.read(
                new RunFolder(stage1).numbered(c.stage1Iter()), name -> name.startsWith("enc/"));
        Map<String, float[]> target = weights;
        s1.tensors().forEach((k, v) -> {
          if (k.startsWith("enc/")) {
            target.put(k, v);
          }
        });
      }
      int styleSize = ((Number) r.get("styleSize")).intValue();
      return withEnrolled(dir, stage1Settings(stage1), styleSize, new TfModel(
          structure(r, "encoder", NetworkStructure.Kind.ENCODER),
          structure(r, "generator", NetworkStructure.Kind.GENERATOR),
          c.imageSize(),
          ((Number) r.get("contentSize")).intValue(),
          styleSize,
          classNames(options),
          weights,
          stats(stage1, c.stage1Iter()),
          run,
          used));
    }
    throw new IOException(
        dir + " is a " + stage + " run; models load from stage1 or stage2 runs");
  }

  /**
   * Loads the classifier of a run for inference: the pre-trained classifier of a {@code
   * classifier} run, the adversarial {@code C2} of a {@code stage2} run, or the adversarial
   * {@code C1} of a (non-MLP) {@code stage1} run.
   *
   * @param dir the run folder
   * @param which {@code "last"} or a numbered checkpoint
   * @throws IOException naming the missing or corrupt file, or a run without a CNN classifier
   */
  public static Classifier loadClassifier(Path dir, String which) throws IOException {
    RunFolder folder = new RunFolder(dir);
    String stage = stageOf(folder);
    NetworkStructure structure;
    int imageSize;
    Map<String, ?> options;
    switch (stage) {
      case ClassifierRun.STAGE -> {
        options = TrainingRun.readOptions(folder, stage);
        ClassifierConfig c = ConfigMaps.classifier(options).build();
        structure = c.classifier();
        imageSize = c.imageSize();
      }
      case Stage2Run.STAGE -> {
        options = TrainingRun.readOptions(folder, stage);
        @SuppressWarnings("unchecked")
        Map<String, ?> r = (Map<String, ?>) options.get("resolved");
        structure = structure(r, "classifier", NetworkStructure.Kind.ENCODER);
        imageSize = ConfigMaps.stage2(options).build().imageSize();
      }
      case Stage1Run.STAGE -> {
        options = TrainingRun.readOptions(folder, stage);
        Stage1Config c = ConfigMaps.stage1(options).build();
        if (c.mlp()) {
          throw new IOException(
              dir + " trained an MLP classifier on content codes (--mlp), not an image classifier");
        }
        structure = c.classifier();
        imageSize = c.imageSize();
      }
      default -> throw new IOException(
          dir + " is a " + stage + " run; classifiers load from classifier, stage2 or stage1 runs");
    }
    Checkpoint checkpoint =
        Checkpoint.read(folder.checkpoint(which), Checkpoint::notOptimizerSlot);
    try {
      return new TfClassifier(structure, imageSize, classNames(options), checkpoint.tensors());
    } catch (IllegalArgumentException e) {
      throw new IOException(folder.checkpoint(which) + " does not fit its run's classifier: " + e.getMessage(), e);
    }
  }

  /** The model with the run's enrolled styles and the loss weights that fit new ones. */
  private static GadnModel withEnrolled(
      Path dir, StyleFit.Settings settings, int styleSize, TfModel model) throws IOException {
    try {
      return model.withStyleFits(settings, EnrolledStyles.read(dir, styleSize));
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The loss weights of a stage-2 run's stage-1 run, or null if its options cannot be read. */
  private static StyleFit.Settings stage1Settings(Path stage1) {
    try {
      return StyleFit.Settings.of(
          ConfigMaps.stage1(TrainingRun.readOptions(new RunFolder(stage1), Stage1Run.STAGE)).build());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String stageOf(RunFolder folder) throws IOException {
    if (!Files.isRegularFile(folder.options())) {
      throw new IOException(folder.root() + " is not a run folder: " + folder.options() + " is missing");
    }
    try {
      return String.valueOf(((Map<?, ?>) Json.parse(Files.readString(folder.options()))).get("stage"));
    } catch (RuntimeException e) {
      throw new IOException(folder.options() + " is not a valid options file: " + e.getMessage(), e);
    }
  }

  private static ContentStats stats(Path stage1, long iteration) throws IOException {
    Path file = ContentCodes.statsFile(stage1.resolve("codes"), iteration);
    return Files.isRegularFile(file) ? ContentStats.read(file) : null;
  }

  @SuppressWarnings("unchecked")
  private static List<String> classNames(Map<String, ?> options) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<Object>) options.get("classNames")) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static NetworkStructure structure(Map<String, ?> r, String key, NetworkStructure.Kind kind) {
    Map<String, ?> m = (Map<String, ?>) r.get(key);
    List<Integer> features = new ArrayList<>();
    for (Object o : (List<Object>) m.get("features")) {
      features.add(((Number) o).intValue());
    }
    List<String> blocks = new ArrayList<>();
    for (Object o : (List<Object>) m.get("blocks")) {
      blocks.add(String.valueOf(o));
    }
    return NetworkStructure.of(kind, features, blocks);
  }
}
