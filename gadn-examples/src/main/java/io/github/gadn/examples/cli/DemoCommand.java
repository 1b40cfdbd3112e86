package io.github.gadn.examples.cli;

import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.engine.Engines;
import io.github.gadn.metrics.EncoderScores;
import io.github.gadn.metrics.GeneratedSampleScores;
import io.github.gadn.metrics.MetricsReport;
import io.github.gadn.metrics.ReconstructionError;
import io.github.gadn.metrics.ReconstructionScores;
import io.github.gadn.tensorflow.train.ClassifierRun;
import io.github.gadn.tensorflow.train.EncodeStep;
import io.github.gadn.tensorflow.train.Grids;
import io.github.gadn.tensorflow.train.Stage1Run;
import io.github.gadn.tensorflow.train.Stage2Run;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;

/**
 * {@code gadn demo}: the whole pipeline on the synthetic writer × digit set, labelled by digit (the
 * style) so that the content code must carry the writer's hand: stage 1 → encode → classifier →
 * stage 2, then a check that stage 1 learned (reconstruction error against the blank-image
 * baseline) and grids that draw each input's handwriting as every digit.
 *
 * <p>Every stage uses the default recipe ({@link io.github.gadn.config.Recipe#DEFAULT}) exactly as
 * {@code gadn stage1 / classifier / stage2} would; the demo only chooses how long each stage
 * runs.
 */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Options options() {
    return new Options("demo", "Stage 1 -> encode -> classifier -> stage 2 on synthetic handwriting.")
        .add("out", "demo-out", "output folder (must not hold an earlier demo)")
        .flag("quick", false, "a much shorter run (about two minutes) that only exercises the pipeline")
        .add("label", "digit", "style label: digit (content = the writer's hand) or writer (content = the digit)")
        .flag("baseline", true, "also train the VAE baseline (stage 1 with --cla-weight 0) and report it beside GADN")
        .add("stage1-iter", "1500", "stage-1 iterations")
        .add("classifier-iter", "300", "classifier pre-training iterations")
        .add("stage2-iter", "150", "stage-2 iterations")
        .add("writers", "60", "synthetic writers")
        .add("seed", "1", "seed")
        .add("threads", "0", "intra-op threads (0 = engine default)");
  }

  @Override
  public int run(Options o, PrintStream out) throws Exception {
    Path dir = Path.of(o.string("out"));
    if (Files.exists(dir.resolve("stage1/options.json"))) {
      throw new UsageException("--out " + dir + " already holds a demo; choose another folder or delete it");
    }
    String label = o.string("label");
    if (!label.equals("digit") && !label.equals("writer")) {
      throw new UsageException("--label must be digit or writer, got " + label);
    }
    String other = label.equals("digit") ? "writer" : "digit";
    boolean quick = o.bool("quick");
    boolean baseline = o.bool("baseline");
    int n1 = quick ? 60 : o.integer("stage1-iter");
    int nc = quick ? 30 : o.integer("classifier-iter");
    int n2 = quick ? 20 : o.integer("stage2-iter");
    long seed = o.longValue("seed");
    long start = System.nanoTime();

    SyntheticHandwriting set = SyntheticHandwriting.generate(quick ? 20 : o.integer("writers"), 5, 28, seed);
    LabelledDataset data = set.dataset(label);
    out.printf(Locale.ROOT, "demo: %d synthetic handwritten digits labelled by %s (%s)%n",
        data.size(), label, data.description());

    // Recomputation saves memory the demo's small networks do not need; without it a stage-1
    // step is about 10 % faster and gives bit-for-bit the same weights.
    RunOptions.Builder run = RunOptions.builder().seed(seed).intraOpThreads(o.integer("threads"))
        .logIter(100).saveIter(500).recompute(false);

    Path s1 = dir.resolve("stage1");
    Stage1Config c1 = Stage1Config.defaults(data.imageSize(), data.classCount())
        .run(run.niter(n1).checkpointIter(n1).visualizeIter(Math.max(1, n1 / 5)).build())
        .build();
    out.printf(Locale.ROOT, "demo: stage 1, recipe %s, %d iterations -> %s%n", c1.recipe().id(), n1, s1);
    try (Stage1Run t = Stage1Run.start(c1, data, s1)) {
      c1 = t.config(); // with the ink weights derived from the data
      t.train(TrainingListener.none());
    }
    EncodeStep.run(s1, n1, data);
    // The paper's E_VAE baseline: the same stage-1 run with the adversarial weight 0 (the same
    // command with --cla-weight 0).
    Path vae = dir.resolve("stage1-vae");
    if (baseline) {
      out.printf(Locale.ROOT, "demo: VAE baseline (stage 1 with claWeight 0), %d iterations -> %s%n", n1, vae);
      try (Stage1Run t = Stage1Run.start(c1.toBuilder().claWeight(0).build(), data, vae)) {
        t.train(TrainingListener.none());
      }
    }

    Path cla = dir.resolve("classifier");
    ClassifierConfig cc = ClassifierConfig.defaults(data.imageSize(), data.classCount())
        .run(run.niter(nc).checkpointIter(nc).build()).build();
    out.printf(Locale.ROOT, "demo: classifier pre-training, %d iterations -> %s%n", nc, cla);
    try (ClassifierRun t = ClassifierRun.start(cc, data, cla)) {
      t.train(TrainingListener.none());
    }

    Path s2 = dir.resolve("stage2");
    Stage2Config c2 = Stage2Config.defaults(data.imageSize(), s1.toString(), n1)
        .classifierRun(cla.toString()).classifierIter(nc)
        .run(run.niter(n2).checkpointIter(n2).visualizeIter(Math.max(1, n2 / 3)).build())
        .build();
    out.printf(Locale.ROOT, "demo: stage 2, %d iterations -> %s%n", n2, s2);
    try (Stage2Run t = Stage2Run.start(c2, data, s2)) {
      t.train(TrainingListener.none());
    }

    // Check that stage 1 learned: reconstruction error of G(E(x), S(a)) vs a blank image.
    ReconstructionScores errors;
    try (GadnModel model = Engines.get().load(s1, Integer.toString(n1))) {
      errors = ReconstructionError.evaluate("GADN", model, data, EvaluateCommand.RECONSTRUCTION_IMAGES);
      writeStyleSwap(model, data, dir.resolve("style-swap-stage1.png"));
    }
    try (GadnModel model = Engines.get().load(s2, "last")) {
      writeStyleSwap(model, data, dir.resolve("style-swap-stage2.png"));
    }
    Files.copy(s1.resolve("reconstructions/" + n1 + ".png"), dir.resolve("stage1-reconstructions.png"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(s2.resolve("samples/" + n2 + ".png"), dir.resolve("stage2-samples.png"),
        StandardCopyOption.REPLACE_EXISTING);
    // Disentanglement metrics (spec §10.3) of the stage-1 encoders by the training label and by
    // the other factor, which the content code should carry; then the accuracy of stage-2 samples
    // under the adversarial C2 and the independently pre-trained classifier (spec §10.5).
    Map<String, int[]> labels = new LinkedHashMap<>();
    labels.put(label, labelsOf(set, data.size(), label));
    labels.put(other, labelsOf(set, data.size(), other));
    MetricsReport report = MetricsReport.of(encoderScores("GADN", s1, n1, data, labels, dir))
        .with(errors);
    for (GeneratedSampleScores g : EvaluateCommand.generatedAccuracy(
        "GADN stage 2", s2, "last", cla, Integer.toString(nc), data, seed)) {
      report = report.with(g);
    }
    if (baseline) {
      try (GadnModel model = Engines.get().load(vae, Integer.toString(n1))) {
        report = report.with(EvaluateCommand.scores("VAE", model, data, labels, dir))
            .with(ReconstructionError.evaluate("VAE", model, data, EvaluateCommand.RECONSTRUCTION_IMAGES));
      }
    }
    report.writeJson(dir.resolve("metrics.json"));
    report.writeMarkdown(dir.resolve("metrics.md"));
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT,
        "demo: reconstruction error %.4f vs %.4f for a blank image (ratio %.2f)%n",
        errors.error(), errors.blankError(), errors.ratio());
    boolean learned = errors.ratio() < 0.6;
    out.println(learned
        ? "demo: stage 1 learned (reconstructions are far closer to the inputs than a blank image)"
        : "demo: WARNING stage 1 has not learned enough: its reconstruction error is not below 0.6"
            + " of a blank image's; train longer (--stage1-iter)");
    out.println(report.toMarkdown());
    out.printf(Locale.ROOT, "demo: done in %.0f s. Grids: %s, %s, %s, %s; metrics: %s%n", seconds,
        dir.resolve("stage1-reconstructions.png"), dir.resolve("style-swap-stage1.png"),
        dir.resolve("style-swap-stage2.png"), dir.resolve("stage2-samples.png"),
        dir.resolve("metrics.md"));
    return learned || quick ? 0 : 1;
  }

  private static int[] labelsOf(SyntheticHandwriting set, int n, String label) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = label.equals("digit") ? set.digit(i) : set.writer(i);
    }
    return out;
  }

  /** Spec §10.3 metrics of a stage-1 encoder, plus its scatter plots (paper figures 6 and 9). */
  private static EncoderScores encoderScores(String name, Path run, int iteration, LabelledDataset data,
      Map<String, int[]> labels, Path dir) throws Exception {
    try (GadnModel model = Engines.get().load(run, Integer.toString(iteration))) {
      return EvaluateCommand.scores(name, model, data, labels, dir);
    }
  }

  /** Posterior means of every image, row-major. */
  static float[] encodeAll(GadnModel model, LabelledDataset data) throws Exception {
    int r = data.imageSize();
    int d = model.encoder().contentSize();
    float[] codes = new float[data.size() * d];
    for (int start = 0; start < data.size(); start += 256) {
      int m = Math.min(256, data.size() - start);
      float[] rgba = new float[m * r * r * 4];
      for (int i = 0; i < m; i++) {
        System.arraycopy(data.sample(start + i).rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      }
      float[] mean = model.encoder().encode(ImageBatch.of(m, r, rgba)).mean().toArray();
      System.arraycopy(mean, 0, codes, start * d, m * d);
    }
    return codes;
  }

  /**
   * Rows: inputs; columns: the input, then its content drawn in the style of each class (every
   * digit; or the first ten writers when writers are the styles).
   */
  static void writeStyleSwap(GadnModel model, LabelledDataset data, Path png) throws Exception {
    int r = data.imageSize();
    int rows = 8;
    int classes = Math.min(10, model.styles().classNames().size());
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
    Grids.writePng(Grids.layout(columns, r, 4, rows, 1), png);
  }
}
