package io.github.gadn.examples.cli;

import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.InkWeights;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.engine.Engines;
import io.github.gadn.metrics.EncoderScores;
import io.github.gadn.metrics.GeneratedSampleScores;
import io.github.gadn.metrics.MetricsReport;
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
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * {@code gadn demo}: the whole pipeline on the synthetic writer × digit set, labelled by digit (the
 * style) so that the content code must carry the writer's hand: stage 1 → encode → classifier →
 * stage 2, then a check that stage 1 learned (reconstruction error against the blank-image
 * baseline) and grids that draw each input's handwriting as every digit.
 *
 * <p>The spec's defaults collapse to a blank image on digits in a CPU budget
 * (shared/design/training-budgets.md). The demo's preset, measured to learn on two cores: networks
 * of 32–256 channels, content code 16, batch 32, stage-1 learning rate 1e-3 (20× the default) with
 * a 50-iteration ramp, and ink weight maps (background weight 0.02; with 0.1 one measured run still
 * collapsed to black). After 1,500 stage-1 iterations (about 4 minutes) the own-style
 * reconstructions are the input digits and the next-style column redraws them as the next
 * sample's digit.
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
        .add("stage2-iter", "200", "stage-2 iterations")
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
    // Weight maps that emphasise strokes: without them the per-pixel distance pulls the generator
    // into an all-black image within this budget (shared/design/training-budgets.md).
    LabelledDataset data = InkWeights.of(set.dataset(label), 0.02);
    out.printf(Locale.ROOT, "demo: %d synthetic handwritten digits labelled by %s (%s)%n",
        data.size(), label, data.description());

    List<Integer> features = List.of(32, 64, 128, 256);
    NetworkStructure enc = NetworkStructure.defaults(Kind.ENCODER, features);
    NetworkStructure gen = NetworkStructure.defaults(Kind.GENERATOR, features);
    RunOptions.Builder run = RunOptions.builder().seed(seed).intraOpThreads(o.integer("threads"))
        .logIter(100).saveIter(500);

    Path s1 = dir.resolve("stage1");
    Stage1Config c1 = Stage1Config.defaults(28, data.classCount())
        .encoder(enc).generator(gen).classifier(enc).mlpFeatures(256)
        .contentSize(16).contentDropout(1 - 2.0 / 16)
        .batchSize(32).lr(1e-3).styleLr(1e-2).lrRamp(50)
        .visRows(4).visCols(4)
        .run(run.niter(n1).checkpointIter(n1).visualizeIter(Math.max(1, n1 / 5)).build())
        .build();
    out.printf(Locale.ROOT, "demo: stage 1, %d iterations -> %s%n", n1, s1);
    try (Stage1Run t = Stage1Run.start(c1, data, s1)) {
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
    ClassifierConfig cc = ClassifierConfig.defaults(28, data.classCount())
        .classifier(enc).batchSize(32).lr(1e-3).lrRamp(20)
        .run(run.niter(nc).checkpointIter(nc).build()).build();
    out.printf(Locale.ROOT, "demo: classifier pre-training, %d iterations -> %s%n", nc, cla);
    try (ClassifierRun t = ClassifierRun.start(cc, data, cla)) {
      t.train(TrainingListener.none());
    }

    Path s2 = dir.resolve("stage2");
    Stage2Config c2 = Stage2Config.defaults(28, s1.toString(), n1)
        .classifierRun(cla.toString()).classifierIter(nc)
        .batchSize(32).lr(2e-4).styleLr(2e-3).lrRamp(20).maxDisBatches(3)
        .visRows(4).visCols(4)
        .run(run.niter(n2).checkpointIter(n2).visualizeIter(Math.max(1, n2 / 3)).build())
        .build();
    out.printf(Locale.ROOT, "demo: stage 2, %d iterations -> %s%n", n2, s2);
    try (Stage2Run t = Stage2Run.start(c2, data, s2)) {
      t.train(TrainingListener.none());
    }

    // Check that stage 1 learned: reconstruction error of G(E(x), S(a)) vs an all-blank image.
    double[] errors;
    try (GadnModel model = Engines.get().load(s1, Integer.toString(n1))) {
      errors = reconstructionError(model, data, 200);
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
    MetricsReport report = MetricsReport.of(encoderScores("GADN", s1, n1, data, labels, dir));
    if (baseline) {
      report = report.with(encoderScores("VAE", vae, n1, data, labels, dir));
    }
    for (GeneratedSampleScores g : EvaluateCommand.generatedAccuracy(
        "GADN stage 2", s2, "last", cla, Integer.toString(nc), data, seed)) {
      report = report.with(g);
    }
    report.writeJson(dir.resolve("metrics.json"));
    report.writeMarkdown(dir.resolve("metrics.md"));
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT,
        "demo: reconstruction error %.4f vs %.4f for a blank image (ratio %.2f)%n",
        errors[0], errors[1], errors[0] / errors[1]);
    boolean learned = errors[0] < 0.6 * errors[1];
    out.println(learned
        ? "demo: stage 1 learned (reconstructions are far closer to the inputs than a blank image)"
        : "demo: WARNING stage 1 did not learn: its reconstructions are no better than a blank image;"
            + " train longer or raise the learning rate");
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

  /** Mean per-image distance of spec §4.3 (alpha-weighted L2 per pixel) for the model and blank. */
  static double[] reconstructionError(GadnModel model, LabelledDataset data, int count) throws Exception {
    int r = data.imageSize();
    int n = Math.min(count, data.size());
    float[] rgba = new float[n * r * r * 4];
    int[] labels = new int[n];
    int step = Math.max(1, data.size() / n);
    for (int i = 0; i < n; i++) {
      Sample s = data.sample(i * step);
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      labels[i] = s.label();
    }
    ImageBatch images = ImageBatch.of(n, r, rgba);
    GaussianCodes codes = model.encoder().encode(images);
    float[] styles = new float[n * model.styles().styleSize()];
    GaussianCodes own = model.styles().styles(labels);
    System.arraycopy(own.mean().toArray(), 0, styles, 0, styles.length);
    float[] rec = model.generator().generate(codes.mean(), CodeBatch.of(n, model.styles().styleSize(), styles)).toArray();
    double model0 = 0;
    double blank = 0;
    for (int p = 0; p < n * r * r; p++) {
      double d = 0;
      double b = 0;
      for (int c = 0; c < 3; c++) {
        double x = rgba[p * 4 + c];
        d += (rec[p * 4 + c] - x) * (rec[p * 4 + c] - x);
        b += (-1 - x) * (-1 - x);
      }
      model0 += Math.sqrt(d + 1e-8);
      blank += Math.sqrt(b + 1e-8);
    }
    return new double[] {model0 / (n * r * r), blank / (n * r * r)};
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
