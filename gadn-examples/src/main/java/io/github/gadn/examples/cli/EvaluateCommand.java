package io.github.gadn.examples.cli;

import io.github.gadn.Classifier;
import io.github.gadn.GadnModel;
import io.github.gadn.ModelWeights;
import io.github.gadn.config.RunOptions;
import io.github.gadn.data.DataSource;
import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.Engines;
import io.github.gadn.engine.GadnEngine;
import io.github.gadn.metrics.DisentanglementMetrics;
import io.github.gadn.metrics.EncoderScores;
import io.github.gadn.metrics.GeneratedSampleAccuracy;
import io.github.gadn.metrics.GeneratedSampleScores;
import io.github.gadn.metrics.MetricsReport;
import io.github.gadn.metrics.ReconstructionError;
import io.github.gadn.metrics.ReconstructionScores;
import io.github.gadn.metrics.ScatterPlot;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gadn evaluate}: the disentanglement metrics of docs/method.md §10.3 on an encoder's
 * posterior means, by the training label and a second label, optionally beside a second encoder
 * (e.g. the VAE baseline trained with {@code --cla-weight 0}), and the accuracy of a stage-2
 * generator's samples (docs/method.md §10.5); writes metrics.json, metrics.md and scatter PNGs.
 */
final class EvaluateCommand implements Command {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public Options options() {
    Options o = new Options("evaluate",
        "Disentanglement metrics and reconstruction error of an encoder (and a baseline).");
    CommonOptions.data(o);
    CommonOptions.ema(o);
    return o.add("enc-path", null, "stage-1 (or stage-2) run folder")
        .add("enc-iter", "last", "checkpoint")
        .add("name", "GADN", "name of this encoder in the report")
        .add("compare-path", null, "a second run to report beside it (e.g. the VAE baseline)")
        .add("compare-iter", "last", "its checkpoint")
        .add("compare-name", "VAE", "its name in the report")
        .add("second-label", null, "second label: an IDX label column (digit, writer, N) or a factors.csv column")
        .add("stage2-path", null, "a stage-2 run: also report the accuracy of its generated samples")
        .add("stage2-iter", "last", "its checkpoint")
        .add("stage2-name", "GADN stage 2", "its name in the report")
        .add("classifier-path", null, "an independently trained (non-adversarial) classifier run to judge the samples too")
        .add("classifier-iter", "last", "its checkpoint")
        .add("sample-seed", "0", "seed of the random content codes of the generated samples")
        .add("out", null, "output folder");
  }

  @Override
  public int run(Options o, PrintStream out) throws Exception {
    // The data of the evaluated run, unless --data-root names other data to evaluate it on.
    LabelledDataset data = RunData.load(o, o.given("data-root") ? null : Path.of(o.required("enc-path")));
    Map<String, int[]> labels = new LinkedHashMap<>();
    int[] primary = new int[data.size()];
    for (int i = 0; i < primary.length; i++) {
      primary[i] = data.label(i);
    }
    labels.put(primaryName(data), primary);
    if (o.string("second-label") != null) {
      labels.put(o.string("second-label"), secondLabels(o, data));
    }
    Path dir = Path.of(o.required("out"));
    Files.createDirectories(dir);
    List<EncoderScores> scores = new ArrayList<>();
    List<ReconstructionScores> reconstructions = new ArrayList<>();
    evaluate(o.required("enc-path"), o.string("enc-iter"), o.string("name"), data, labels, dir,
        scores, reconstructions);
    if (o.string("compare-path") != null) {
      evaluate(o.string("compare-path"), o.string("compare-iter"), o.string("compare-name"),
          data, labels, dir, scores, reconstructions);
    }
    MetricsReport report = MetricsReport.of(scores);
    for (ReconstructionScores r : reconstructions) {
      report = report.with(r);
    }
    if (o.string("stage2-path") != null) {
      for (GeneratedSampleScores g : generatedAccuracy(o.string("stage2-name"),
          Path.of(o.string("stage2-path")), o.string("stage2-iter"),
          o.string("classifier-path") == null ? null : Path.of(o.string("classifier-path")),
          o.string("classifier-iter"), data, o.longValue("sample-seed"),
          CommonOptions.weights(o))) {
        report = report.with(g);
      }
    } else if (o.string("classifier-path") != null) {
      throw new UsageException("--classifier-path judges generated samples: give --stage2-path too");
    }
    report.writeJson(dir.resolve("metrics.json"));
    report.writeMarkdown(dir.resolve("metrics.md"));
    out.println(report.toMarkdown());
    out.println("evaluate: wrote " + dir.resolve("metrics.json") + ", metrics.md and scatter plots");
    return 0;
  }

  /**
   * Generated-sample accuracy (docs/method.md §10.5): samples of a stage-2 generator from random
   * content codes, each class as often as in {@code data}, judged by the run's own classifier
   * {@code C2} and, if given, by an independently trained classifier; then the same judges on the
   * real images of {@code data} as a reference row.
   */
  static List<GeneratedSampleScores> generatedAccuracy(String name, Path stage2, String iter,
      Path classifierRun, String classifierIter, LabelledDataset data, long seed,
      ModelWeights weights) throws Exception {
    GadnEngine engine = Engines.get();
    try (GadnModel model = engine.load(stage2, iter, RunOptions.builder().build(), weights);
        Classifier own = engine.loadClassifier(stage2, iter);
        Classifier independent =
            classifierRun == null ? null : engine.loadClassifier(classifierRun, classifierIter)) {
      Map<String, Classifier> judges = new LinkedHashMap<>();
      judges.put("stage-2 C2", own);
      if (independent != null) {
        judges.put("pre-trained classifier", independent);
      }
      if (model.contentDistribution().isEmpty()) {
        throw new UsageException("--stage2-path " + stage2 + ": its stage-1 run has no encode"
            + " statistics for the stage-1 checkpoint, so no random content codes can be drawn");
      }
      return List.of(
          GeneratedSampleAccuracy.evaluate(name, model, data.classCounts(), judges, seed),
          GeneratedSampleAccuracy.realImages("real images (reference)", data, judges));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--stage2-path / --classifier-path: " + e.getMessage());
    }
  }

  /** The name of the data's own label: the IDX label column, or "class" for class folders. */
  static String primaryName(LabelledDataset data) {
    return data.source().filter(DataSource::isIdx).map(DataSource::label).orElse("class");
  }

  static int[] secondLabels(Options o, LabelledDataset data) throws Exception {
    DataSource source = data.source().orElseThrow(
        () -> new UsageException("--second-label needs data read from --data-root"));
    Path root = source.root();
    String second = o.string("second-label");
    if (source.isIdx()) {
      LabelledDataset other;
      try {
        other = IdxDataset.read(root, source.labels().orElseThrow(), second);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--second-label: " + e.getMessage());
      }
      int[] out = new int[other.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = other.label(i);
      }
      return out;
    }
    Path csv = root.resolve("factors.csv");
    if (!Files.isRegularFile(csv)) {
      throw new UsageException("--second-label needs IDX labels or " + csv);
    }
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    int column = header.indexOf(second);
    if (column < 0) {
      throw new UsageException("--second-label " + second + " is not a column of " + csv + " " + header);
    }
    TreeMap<String, Integer> classes = new TreeMap<>();
    List<String> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String v = line.split(",")[column];
      values.add(v);
      classes.putIfAbsent(v, 0);
    }
    if (values.size() != data.size()) {
      throw new UsageException(csv + " has " + values.size() + " rows but the data set " + data.size() + " images");
    }
    int k = 0;
    for (var e : classes.entrySet()) {
      e.setValue(k++);
    }
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = classes.get(values.get(i));
    }
    return out;
  }

  /** Images whose reconstruction error is measured. */
  static final int RECONSTRUCTION_IMAGES = 2000;

  private static void evaluate(
      String run, String iter, String name, LabelledDataset data, Map<String, int[]> labels, Path dir,
      List<EncoderScores> scores, List<ReconstructionScores> reconstructions)
      throws Exception {
    try (GadnModel model = Engines.get().load(Path.of(run), iter)) {
      scores.add(scores(name, model, data, labels, dir));
      reconstructions.add(ReconstructionError.evaluate(name, model, data, RECONSTRUCTION_IMAGES));
    }
  }

  /**
   * The docs/method.md §10.3 metrics of a model's encoder on every image, and one scatter plot of
   * the first two content dimensions per labelling ({@code scatter-NAME-LABEL.png} in {@code dir}).
   */
  static EncoderScores scores(
      String name, GadnModel model, LabelledDataset data, Map<String, int[]> labels, Path dir)
      throws Exception {
    int d = model.encoder().contentSize();
    int n = data.size();
    float[] codes = DemoCommand.encodeAll(model, data);
    for (Map.Entry<String, int[]> e : labels.entrySet()) {
      List<String> names = new ArrayList<>();
      int max = 0;
      for (int v : e.getValue()) {
        max = Math.max(max, v);
      }
      for (int k = 0; k <= max; k++) {
        names.add(Integer.toString(k));
      }
      ScatterPlot.write(codes, n, d, e.getValue(), names,
          name + ": first two content dimensions by " + e.getKey(),
          dir.resolve(String.format(Locale.ROOT, "scatter-%s-%s.png", name, e.getKey())));
    }
    return DisentanglementMetrics.evaluate(name, codes, n, d, labels);
  }
}
