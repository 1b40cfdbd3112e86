package io.github.gadn.examples.cli;

import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.ModelWeights;
import io.github.gadn.ResumeFrom;
import io.github.gadn.Trainer;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.ImageFiles;
import io.github.gadn.data.ImageGrid;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.Engines;
import io.github.gadn.engine.GadnEngine;
import io.github.gadn.metrics.GeneratedSampleScores;
import io.github.gadn.metrics.MetricsReport;
import io.github.gadn.metrics.ReconstructionError;
import io.github.gadn.metrics.ReconstructionScores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole method in one folder: stage 1 (and optionally the VAE baseline) → encode → classifier
 * pre-training → stage 2 → report. Every step is resumable: a step whose result is on disk is
 * skipped, and a stage that was interrupted (Ctrl-C, kill -9, power cut) continues from its last
 * checkpoint, so running the same pipeline again finishes it.
 *
 * <p>Layout: {@code stage1/}, {@code stage1-vae/}, {@code classifier/}, {@code stage2/} (run
 * folders), and the report: {@code stage1-reconstructions.png}, {@code style-swap-stage1.png},
 * {@code style-swap-stage2.png}, {@code stage2-samples.png}, {@code metrics.json}, {@code
 * metrics.md} and scatter plots.
 */
final class Pipeline {
  /** Iterations of each training stage. */
  record Lengths(long stage1, long classifier, long stage2) {}

  /**
   * Changes to the recipe's configs of fresh stages (sizes, batch), applied before the stage's
   * run options.
   */
  record Tweaks(
      UnaryOperator<Stage1Config.Builder> stage1,
      UnaryOperator<ClassifierConfig.Builder> classifier,
      UnaryOperator<Stage2Config.Builder> stage2) {
    /** No changes. */
    static Tweaks none() {
      return new Tweaks(b -> b, b -> b, b -> b);
    }
  }

  /** What the report measured. */
  record Report(ReconstructionScores reconstruction, MetricsReport metrics) {}

  /** Save {@code last} at least this often, so an interrupted stage loses little. */
  static final long SAVE_ITER = 100;

  /**
   * Where an interrupted stage continues: {@code last}, or the newest intact numbered checkpoint
   * if {@code last} was damaged.
   */
  private static final ResumeFrom CONTINUE = ResumeFrom.last().orNewestIntact();

  private final Path dir;
  private final LabelledDataset data;
  private final Recipe recipe;
  private final RunOptions run;
  private final Lengths lengths;
  private final boolean baseline;
  private final Tweaks tweaks;
  private final PrintStream out;
  private final GadnEngine engine = Engines.get();

  /**
   * @param dir the pipeline folder
   * @param data the training data
   * @param recipe the recipe of fresh stages
   * @param run seed, device and threads of every stage (their lengths and periods are set here)
   * @param lengths iterations per stage
   * @param baseline whether to train the VAE baseline (stage 1 with claWeight 0) too
   * @param tweaks changes to the recipe's configs of fresh stages
   * @param out where the step lines go
   */
  Pipeline(Path dir, LabelledDataset data, Recipe recipe, RunOptions run, Lengths lengths,
      boolean baseline, Tweaks tweaks, PrintStream out) {
    this.dir = dir;
    this.data = data;
    this.recipe = recipe;
    this.run = run;
    this.lengths = lengths;
    this.baseline = baseline;
    this.tweaks = tweaks;
    this.out = out;
  }

  Path stage1() {
    return dir.resolve("stage1");
  }

  Path vae() {
    return dir.resolve("stage1-vae");
  }

  Path classifier() {
    return dir.resolve("classifier");
  }

  Path stage2() {
    return dir.resolve("stage2");
  }

  /**
   * Runs every training step not yet done.
   *
   * @return true if all are done; false if a stage was asked to stop (Ctrl-C) before its end
   */
  boolean train() throws IOException {
    int steps = baseline ? 5 : 4;
    int step = 0;
    int r = data.imageSize();
    int k = data.classCount();
    if (!stage(++step, steps, "stage 1", stage1(), lengths.stage1(),
        () -> engine.stage1(tweaks.stage1().apply(Stage1Config.defaults(recipe, r, k))
            .run(runFor(lengths.stage1())).build(), data, stage1()),
        () -> engine.resumeStage1(stage1(), CONTINUE,
            b -> b.run(b.build().run().toBuilder().niter(lengths.stage1()).build()), data))) {
      return false;
    }
    if (baseline && !stage(++step, steps, "VAE baseline (stage 1 with claWeight 0)", vae(),
        lengths.stage1(),
        () -> engine.stage1(tweaks.stage1().apply(Stage1Config.defaults(recipe, r, k)).claWeight(0)
            .run(runFor(lengths.stage1())).build(), data, vae()),
        () -> engine.resumeStage1(vae(), CONTINUE,
            b -> b.run(b.build().run().toBuilder().niter(lengths.stage1()).build()), data))) {
      return false;
    }
    long encoded = newestNumbered(stage1());
    step++;
    if (engine.isEncoded(stage1(), encoded)) {
      out.printf(Locale.ROOT, "train: [%d/%d] encode: done (checkpoint %d)%n", step, steps, encoded);
    } else {
      out.printf(Locale.ROOT, "train: [%d/%d] encode: %d images with checkpoint %d%n", step, steps,
          data.size(), encoded);
      engine.encode(stage1(), encoded, data, run);
    }
    if (!stage(++step, steps, "classifier pre-training", classifier(), lengths.classifier(),
        () -> engine.classifier(tweaks.classifier().apply(ClassifierConfig.defaults(recipe, r, k))
            .run(runFor(lengths.classifier())).build(), data, classifier()),
        () -> engine.resumeClassifier(classifier(), CONTINUE,
            b -> b.run(b.build().run().toBuilder().niter(lengths.classifier()).build()), data))) {
      return false;
    }
    return stage(++step, steps, "stage 2", stage2(), lengths.stage2(),
        () -> engine.stage2(tweaks.stage2().apply(
                Stage2Config.defaults(recipe, r, stage1().toString(), encoded))
            .classifierRun(classifier().toString())
            .classifierIter(newestNumbered(classifier()))
            .run(runFor(lengths.stage2())).build(), data, stage2()),
        () -> engine.resumeStage2(stage2(), CONTINUE,
            b -> b.run(b.build().run().toBuilder().niter(lengths.stage2()).build()), data));
  }

  /**
   * Writes the report of the finished pipeline: grids, style swaps and metrics (the encoder's
   * disentanglement by each labelling, reconstruction error against a blank image, accuracy of
   * stage-2 samples under the stage-2 and the pre-trained classifier).
   *
   * @param labels labellings of the data to measure the content code by (name → label per image)
   */
  Report report(Map<String, int[]> labels, long seed) throws Exception {
    long n1 = newestNumbered(stage1());
    String i1 = Long.toString(n1);
    ReconstructionScores errors;
    MetricsReport report;
    try (GadnModel model = Engines.get().load(stage1(), i1)) {
      errors = ReconstructionError.evaluate("GADN", model, data, EvaluateCommand.RECONSTRUCTION_IMAGES);
      writeStyleSwap(model, data, dir.resolve("style-swap-stage1.png"));
      report = MetricsReport.of(List.of(EvaluateCommand.scores("GADN", model, data, labels, dir)))
          .with(errors);
    }
    try (GadnModel model = Engines.get().load(stage2(), "last")) {
      writeStyleSwap(model, data, dir.resolve("style-swap-stage2.png"));
    }
    copyNewest(stage1().resolve("reconstructions"), dir.resolve("stage1-reconstructions.png"));
    copyNewest(stage2().resolve("samples"), dir.resolve("stage2-samples.png"));
    for (GeneratedSampleScores g : EvaluateCommand.generatedAccuracy("GADN stage 2", stage2(), "last",
        classifier(), Long.toString(newestNumbered(classifier())), data, seed,
        ModelWeights.AVERAGED)) {
      report = report.with(g);
    }
    if (baseline) {
      try (GadnModel model = Engines.get().load(vae(), Long.toString(newestNumbered(vae())))) {
        report = report.with(EvaluateCommand.scores("VAE", model, data, labels, dir))
            .with(ReconstructionError.evaluate("VAE", model, data, EvaluateCommand.RECONSTRUCTION_IMAGES));
      }
    }
    report.writeJson(dir.resolve("metrics.json"));
    report.writeMarkdown(dir.resolve("metrics.md"));
    return new Report(errors, report);
  }

  /** The run options of a stage of {@code niter} iterations. */
  private RunOptions runFor(long niter) {
    return run.toBuilder()
        .niter(niter)
        .checkpointIter(niter)
        .saveIter(Math.min(SAVE_ITER, niter))
        .logIter(Math.min(100, niter))
        .visualizeIter(Math.max(1, niter / 5))
        .build();
  }

  /** Opens a run: starts or resumes one. */
  @FunctionalInterface
  private interface Opener {
    Trainer open() throws IOException;
  }

  /**
   * One training stage: skipped if a numbered checkpoint at or past {@code niter} exists,
   * otherwise resumed from its folder if it has started, or started.
   *
   * @return false if the stage was stopped before {@code niter}
   */
  private boolean stage(int step, int steps, String title, Path folder, long niter, Opener start,
      Opener resume) throws IOException {
    String head = String.format(Locale.ROOT, "train: [%d/%d] %s", step, steps, title);
    long done = newestNumberedOrZero(folder);
    if (done >= niter) {
      out.printf(Locale.ROOT, "%s: done (%d iterations) in %s%n", head, done, folder);
      return true;
    }
    boolean started = Files.isRegularFile(folder.resolve("options.json"));
    long t0 = System.nanoTime();
    try (Trainer trainer = started ? resume.open() : start.open()) {
      out.printf(Locale.ROOT, "%s: %s, %d iterations -> %s%n", head,
          started ? "continuing from iteration " + trainer.iteration() : "starting", niter, folder);
      trainer.train(TrainingListener.none());
      if (trainer.iteration() < niter) {
        out.printf(Locale.ROOT, "%s: stopped at iteration %d; run the same command again to"
            + " continue%n", head, trainer.iteration());
        return false;
      }
    }
    out.printf(Locale.ROOT, "%s: done in %.0f s%n", head, (System.nanoTime() - t0) / 1e9);
    return true;
  }

  private long newestNumberedOrZero(Path folder) throws IOException {
    List<Long> numbered = engine.numberedCheckpoints(folder);
    return numbered.isEmpty() ? 0 : numbered.get(numbered.size() - 1);
  }

  private long newestNumbered(Path folder) throws IOException {
    long n = newestNumberedOrZero(folder);
    if (n == 0) {
      throw new IOException(folder + " has no numbered checkpoint");
    }
    return n;
  }

  /** Copies the newest grid of a run's grid folder (by iteration in its name). */
  private static void copyNewest(Path grids, Path target) throws IOException {
    if (!Files.isDirectory(grids)) {
      return;
    }
    Path newest = null;
    long best = -1;
    try (var files = Files.list(grids)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.matches("\\d+\\.png") && Long.parseLong(name.substring(0, name.length() - 4)) > best) {
          best = Long.parseLong(name.substring(0, name.length() - 4));
          newest = f;
        }
      }
    }
    if (newest != null) {
      Files.copy(newest, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Style columns shown in a style-swap sheet at most. */
  static final int SWAP_STYLES = 12;

  /**
   * Rows: inputs; columns: the input, then its content drawn in the style of each class (the
   * first {@value #SWAP_STYLES} classes).
   */
  static void writeStyleSwap(GadnModel model, LabelledDataset data, Path png) throws Exception {
    int r = data.imageSize();
    int rows = 8;
    int classes = Math.min(SWAP_STYLES, model.styles().classNames().size());
    float[] inputs = new float[rows * r * r * 4];
    for (int i = 0; i < rows; i++) {
      int index = (i * 97 + 13) % data.size();
      System.arraycopy(data.sample(index).rgba(), 0, inputs, i * r * r * 4, r * r * 4);
    }
    ImageBatch batch = ImageBatch.of(rows, r, inputs);
    GaussianCodes codes = model.encoder().encode(batch);
    float[][] columns = new float[classes + 1][];
    columns[0] = inputs;
    for (int k = 0; k < classes; k++) {
      columns[k + 1] = model.generator()
          .generate(codes.mean(), CodeBatch.repeat(model.styles().mean(k), rows)).toArray();
    }
    ImageFiles.writePng(ImageGrid.layout(columns, r, 4, rows, 1), png);
  }
}
