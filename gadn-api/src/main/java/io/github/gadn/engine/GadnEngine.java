package io.github.gadn.engine;

import io.github.gadn.Classifier;
import io.github.gadn.ClassifierTrainer;
import io.github.gadn.EncodeResult;
import io.github.gadn.GadnModel;
import io.github.gadn.GanTrainer;
import io.github.gadn.ModelWeights;
import io.github.gadn.ResumeFrom;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An implementation of GADN's networks and trainers; get one with {@link Engines#get()}. Every step
 * of the method goes through it: stage 1, the encode step, classifier pre-training, stage 2 and the
 * GAN baseline, each started fresh or resumed from a run folder (docs/method.md §9), plus loading
 * trained models and classifiers for inference.
 *
 * <h2>Native resources</h2>
 *
 * Trainers, models and classifiers hold native memory (graphs, sessions, tensors) from the moment
 * they are returned until {@code close()}: open them in try-with-resources. Closing a trainer does
 * not save; {@link io.github.gadn.Trainer#train} saves {@code last} and a numbered checkpoint when
 * it returns. Everything else an engine returns ({@link EncodeResult}, configs, lists) is a plain
 * value. An engine itself holds no resources and is safe to share between threads.
 *
 * <h2>Resuming</h2>
 *
 * Every {@code resume…} method takes a {@link ResumeFrom} (the {@code last} checkpoint, a numbered
 * one, optionally falling back to the newest intact numbered one) and an {@code overrides}
 * function applied to a builder holding the run's saved options, or {@code null} for none. Options
 * that define the networks or the data shape are structural and cannot be overridden; the others
 * (learning rates, weights, periods, {@code niter}) can; a changed structural option is refused
 * with a {@link io.github.gadn.config.ConfigException} naming it. The data must be the data the
 * run was trained on (same images, labels and order): the engine checks its image size and class
 * count, and stage 2 also checks the fingerprint its stage-1 codes were computed for.
 *
 * <h2>Errors</h2>
 *
 * Methods that read a run folder throw {@link IOException} naming the missing file, or a {@link
 * io.github.gadn.CorruptCheckpointException} naming the damaged checkpoint; a config or data set
 * that does not fit is an {@link IllegalArgumentException} naming the field or option at fault.
 */
public interface GadnEngine {

  /**
   * The engine's name, which the system property {@code gadn.engine} selects.
   *
   * @return e.g. {@code "tensorflow"}
   */
  String name();

  // ------------------------------------------------------------------ stage 1

  /**
   * Starts a fresh stage-1 run (docs/method.md §4) in {@code runDirectory} (created if missing;
   * must not already hold a run).
   *
   * @param config options; its image size and class count must match {@code data}
   * @param data training images, read again on every epoch (keep it open while training)
   * @param runDirectory where options, checkpoints, grids and the loss log go
   * @return the trainer at iteration 0, owning native resources until closed
   * @throws IOException if the folder cannot be written or lacks space
   * @throws IllegalArgumentException naming the mismatch between data and config, or a folder
   *     that already holds a run
   */
  Stage1Trainer stage1(Stage1Config config, LabelledDataset data, Path runDirectory)
      throws IOException;

  /**
   * Resumes a stage-1 run from its {@code last} checkpoint; the same as {@link
   * #resumeStage1(Path, ResumeFrom, UnaryOperator, LabelledDataset)} with {@link
   * ResumeFrom#last()}.
   *
   * @param runDirectory an existing stage-1 run folder
   * @param overrides changes to overridable options (docs/method.md §9.1), applied to a builder
   *     holding the saved ones; {@code null} for none
   * @param data the training images the run was trained on
   * @return the trainer, continuing at the saved iteration and owning native resources until
   *     closed
   * @throws IOException naming the missing or corrupt file
   * @throws IllegalArgumentException naming a structural option that {@code overrides} changed,
   *     or the image size or class count in which {@code data} differs from the run
   */
  default Stage1Trainer resumeStage1(
      Path runDirectory, UnaryOperator<Stage1Config.Builder> overrides, LabelledDataset data)
      throws IOException {
    return resumeStage1(runDirectory, ResumeFrom.last(), overrides, data);
  }

  /**
   * Resumes a stage-1 run from the checkpoint {@code from} names (docs/method.md §9.1): weights,
   * optimiser state, iteration and data position are restored, so the run continues exactly as if
   * it had not stopped. Give a larger {@code niter} in {@code overrides} to train on past the
   * saved one.
   *
   * @param runDirectory an existing stage-1 run folder
   * @param from {@code last}, a numbered checkpoint, and whether to fall back to the newest intact
   *     numbered checkpoint if that one is missing or damaged
   * @param overrides changes to overridable options, applied to a builder holding the saved ones;
   *     {@code null} for none
   * @param data the training images the run was trained on
   * @return the trainer at the restored iteration, owning native resources until closed
   * @throws IOException naming the missing checkpoint (and the ones the folder holds) or the
   *     corrupt one, or, with fallback, saying that no intact checkpoint remains
   * @throws IllegalArgumentException naming a structural option that {@code overrides} changed,
   *     or the image size or class count in which {@code data} differs from the run
   */
  Stage1Trainer resumeStage1(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<Stage1Config.Builder> overrides,
      LabelledDataset data)
      throws IOException;

  /**
   * The options a stage-1 run folder was saved with: its recipe, networks and training options as
   * in its {@code options.json} (with every override of its last resume applied).
   *
   * @param stage1Run a stage-1 run folder
   * @return the saved configuration
   * @throws IOException naming the folder if it holds no stage-1 run or its options are malformed
   */
  Stage1Config readStage1Config(Path stage1Run) throws IOException;

  /**
   * The numbered checkpoints of a run folder ({@code models/<t>.ckpt}), which the encode step,
   * stage 2 ({@code stage1Iter}, {@code classifierIter}) and {@link ResumeFrom#numbered} name.
   * Every run writes one when it ends, so a finished run has at least one.
   *
   * @param runDirectory a run folder of any stage
   * @return their iterations, ascending; empty if the folder has none (or does not exist)
   * @throws IOException if the folder cannot be listed
   */
  List<Long> numberedCheckpoints(Path runDirectory) throws IOException;

  // ------------------------------------------------------------------ encode step

  /**
   * Runs the encode step (docs/method.md §5) on the device and with the engine threads of the
   * stage-1 run; the same as {@link #encode(Path, long, LabelledDataset, RunOptions)} with {@code
   * null} resources.
   *
   * @param stage1Run a stage-1 run folder
   * @param iteration one of its numbered checkpoints
   * @param data the data set the run was trained on
   * @return the codes and statistics, already written into {@code stage1Run/codes/}
   * @throws IOException naming a missing run, checkpoint or unreadable image
   * @throws IllegalArgumentException if {@code data} has another image size than the run
   */
  default EncodeResult encode(Path stage1Run, long iteration, LabelledDataset data)
      throws IOException {
    return encode(stage1Run, iteration, data, null);
  }

  /**
   * Runs the encode step (docs/method.md §5): the encoder of a numbered stage-1 checkpoint applied
   * to every image of {@code data} in order, without augmentation or sampling; stores each image's
   * content posterior and the aggregate statistics (computed in float64) in the stage-1 run folder
   * under {@code codes/}, where stage 2 and {@link GadnModel#contentDistribution} find them. Runs
   * again if called again, replacing the stored files. The native resources it uses are released
   * before it returns.
   *
   * @param stage1Run a stage-1 run folder
   * @param iteration one of its numbered checkpoints ({@link #numberedCheckpoints})
   * @param data the data set the run was trained on; the codes are paired with its images by
   *     index and tied to it by its fingerprint
   * @param resources device and engine threads to encode with (the other fields are not used);
   *     {@code null} for those of the stage-1 run
   * @return the codes and statistics, already written into {@code stage1Run/codes/}
   * @throws IOException naming a missing run, checkpoint or unreadable image
   * @throws IllegalArgumentException if {@code data} has another image size than the run
   */
  EncodeResult encode(Path stage1Run, long iteration, LabelledDataset data, RunOptions resources)
      throws IOException;

  /**
   * Whether the encode step has stored the codes and statistics of a stage-1 checkpoint (both
   * files are written atomically, the statistics last, so an interrupted encode step reads as not
   * done).
   *
   * @param stage1Run a stage-1 run folder
   * @param iteration a numbered checkpoint of it
   * @return true if both files are there
   */
  boolean isEncoded(Path stage1Run, long iteration);

  // ------------------------------------------------------------------ classifier pre-training

  /**
   * Starts a fresh classifier pre-training run (docs/method.md §6) in {@code runDirectory}.
   *
   * @param config options; its image size and class count must match {@code data}
   * @param data real training images
   * @param runDirectory where options, checkpoints and the loss log go (created if missing; must
   *     not already hold a run)
   * @return the trainer at iteration 0, owning native resources until closed
   * @throws IOException if the folder cannot be written or lacks space
   * @throws IllegalArgumentException naming the mismatch between data and config, or a folder
   *     that already holds a run
   */
  ClassifierTrainer classifier(ClassifierConfig config, LabelledDataset data, Path runDirectory)
      throws IOException;

  /**
   * Resumes a classifier pre-training run from the checkpoint {@code from} names.
   *
   * @param runDirectory an existing classifier run folder
   * @param from {@code last} or a numbered checkpoint, with or without fallback
   * @param overrides changes to overridable options, applied to a builder holding the saved ones;
   *     {@code null} for none
   * @param data the training images the run was trained on
   * @return the trainer at the restored iteration, owning native resources until closed
   * @throws IOException naming the missing or corrupt checkpoint
   * @throws IllegalArgumentException naming a structural option that {@code overrides} changed,
   *     or the image size or class count in which {@code data} differs from the run
   */
  ClassifierTrainer resumeClassifier(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<ClassifierConfig.Builder> overrides,
      LabelledDataset data)
      throws IOException;

  /**
   * Loads a trained classifier for inference: the pre-trained classifier of a classifier run or
   * the adversarial classifier {@code C2} of a stage-2 run (or {@code C1} of a stage-1 run with
   * the CNN classifier).
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @return the classifier, owning native resources until closed
   * @throws IOException naming a missing or corrupt file, or a run without an image classifier
   */
  Classifier loadClassifier(Path runDirectory, String checkpoint) throws IOException;

  // ------------------------------------------------------------------ stage 2

  /**
   * Starts a fresh stage-2 run (docs/method.md §7) in {@code runDirectory}, from a stage-1 run
   * whose encode step has been run for {@code config.stage1Iter()} and, normally, a pre-trained
   * classifier run ({@code config.classifierRun()}, {@code config.classifierIter()}).
   *
   * @param config options; {@link Stage2Config#defaults} names the stage-1 run and checkpoint
   * @param data the training images the stage-1 codes were computed on
   * @param runDirectory where options, checkpoints, grids and logs go (created if missing; must
   *     not already hold a run)
   * @return the trainer at iteration 0, owning native resources until closed
   * @throws IOException naming a missing or corrupt file of the stage-1 or classifier run, or
   *     missing codes (run {@link #encode} first)
   * @throws IllegalArgumentException naming the mismatch between data, runs and config
   */
  Stage2Trainer stage2(Stage2Config config, LabelledDataset data, Path runDirectory)
      throws IOException;

  /**
   * Resumes a stage-2 run from the checkpoint {@code from} names. The stage-1 run and its codes
   * must still be where the run's options say.
   *
   * @param runDirectory an existing stage-2 run folder
   * @param from {@code last} or a numbered checkpoint, with or without fallback
   * @param overrides changes to overridable options, applied to a builder holding the saved ones;
   *     {@code null} for none
   * @param data the training images the stage-1 codes were computed on
   * @return the trainer at the restored iteration, owning native resources until closed
   * @throws IOException naming the missing or corrupt checkpoint, or missing stage-1 codes
   * @throws IllegalArgumentException naming a structural option that {@code overrides} changed,
   *     or the way {@code data} differs from the data the codes were computed for
   */
  Stage2Trainer resumeStage2(
      Path runDirectory,
      ResumeFrom from,
      UnaryOperator<Stage2Config.Builder> overrides,
      LabelledDataset data)
      throws IOException;

  // ------------------------------------------------------------------ GAN baseline

  /**
   * Starts a fresh run of the unconditional LSGAN baseline (docs/method.md §8.1); labels are not
   * used.
   *
   * @param config options; its image size must match {@code data}
   * @param data training images
   * @param runDirectory where options, checkpoints, grids and the loss log go (created if
   *     missing; must not already hold a run)
   * @return the trainer at iteration 0, owning native resources until closed
   * @throws IOException if the folder cannot be written or lacks space
   * @throws IllegalArgumentException naming the mismatch between data and config, or a folder
   *     that already holds a run
   */
  GanTrainer gan(GanConfig config, LabelledDataset data, Path runDirectory) throws IOException;

  /**
   * Resumes a GAN baseline run from the checkpoint {@code from} names.
   *
   * @param runDirectory an existing GAN run folder
   * @param from {@code last} or a numbered checkpoint, with or without fallback
   * @param overrides changes to overridable options, applied to a builder holding the saved ones;
   *     {@code null} for none
   * @param data the training images the run was trained on
   * @return the trainer at the restored iteration, owning native resources until closed
   * @throws IOException naming the missing or corrupt checkpoint
   * @throws IllegalArgumentException naming a structural option that {@code overrides} changed
   */
  GanTrainer resumeGan(
      Path runDirectory, ResumeFrom from, UnaryOperator<GanConfig.Builder> overrides,
      LabelledDataset data)
      throws IOException;

  // ------------------------------------------------------------------ enrolling new styles

  /**
   * Enrolls a new style (docs/method.md §3.12a): loads the model of a run, fits a style entry to
   * {@code images} with {@link GadnModel#fitStyle} and stores it in the run folder beside the
   * trained style table, which stays untouched (the file is written atomically). Models loaded
   * from the run afterwards list it in {@link io.github.gadn.StyleTable#enrolledNames()}.
   *
   * @param runDirectory a stage-1 or stage-2 run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration, whose {@code E} and
   *     {@code G} the entry is fitted with
   * @param name the entry's name: not a class of the run, and not an existing entry unless {@code
   *     replace}
   * @param images 1 to 50 images of the model's size, in the new style
   * @param config iterations, learning rate and seed
   * @param replace whether an existing entry of that name may be replaced
   * @param run device and engine threads to fit with (its other fields are not used); {@code
   *     null} for the defaults
   * @return the stored entry
   * @throws IOException naming a missing or corrupt file of the run, or a file that cannot be
   *     written
   * @throws IllegalArgumentException naming the bad name (a class, an existing entry, invalid),
   *     image count or image size
   */
  io.github.gadn.EnrolledStyle enroll(
      Path runDirectory,
      String checkpoint,
      String name,
      io.github.gadn.ImageBatch images,
      io.github.gadn.config.EnrollConfig config,
      boolean replace,
      RunOptions run)
      throws IOException;

  // ------------------------------------------------------------------ inference

  /**
   * Loads a trained model for inference from a stage-1 or stage-2 run folder.
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @return the model, owning native resources until closed
   * @throws IOException naming a missing or corrupt file
   */
  GadnModel load(Path runDirectory, String checkpoint) throws IOException;

  /**
   * Loads a trained model whose computations run on the device and with the engine threads of
   * {@code run} (its other fields are not used). Engines without such choices ignore them.
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @param run device and engine threads
   * @return the model, owning native resources until closed
   * @throws IOException naming a missing or corrupt file
   */
  default GadnModel load(Path runDirectory, String checkpoint, RunOptions run) throws IOException {
    return load(runDirectory, checkpoint);
  }

  /**
   * Loads a trained model with the chosen weights of {@code G} and {@code S}: {@link
   * ModelWeights#AVERAGED} (what the other {@code load} methods do) takes the bias-corrected
   * moving average a stage-2 checkpoint carries, and the trained weights where there is none;
   * {@link ModelWeights#RAW} takes the trained weights. {@link GadnModel#weights()} tells which
   * were loaded.
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @param run device and engine threads
   * @param weights averaged (default) or raw weights
   * @return the model, owning native resources until closed
   * @throws IOException naming a missing or corrupt file
   * @throws UnsupportedOperationException if this engine keeps no weight averages and {@code
   *     weights} is {@code RAW}
   */
  default GadnModel load(Path runDirectory, String checkpoint, RunOptions run, ModelWeights weights)
      throws IOException {
    if (weights == ModelWeights.RAW) {
      throw new UnsupportedOperationException(
          getClass().getName() + " does not choose between averaged and raw weights");
    }
    return load(runDirectory, checkpoint, run);
  }
}
