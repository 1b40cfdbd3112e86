package io.github.gadn.examples.cli;

import io.github.gadn.GadnModel;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.metrics.MetricsReport;
import io.github.gadn.metrics.ReconstructionScores;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .flag("baseline", false, "also train the VAE baseline (stage 1 with --cla-weight 0) and report it beside GADN (about 6 minutes more)")
        .add("stage1-iter", "2000", "stage-1 iterations")
        .add("classifier-iter", "300", "classifier pre-training iterations")
        .add("stage2-iter", "100", "stage-2 iterations")
        .add("writers", "60", "synthetic writers")
        .add("seed", "1", "seed")
        .add("threads", "0", "intra-op threads (0 = engine default)");
  }

  @Override
  public int run(Options o, PrintStream out) throws Exception {
    Path dir = Path.of(o.string("out"));
    if (Files.exists(dir.resolve("metrics.md"))) {
      throw new UsageException("--out " + dir + " already holds a finished demo; choose another folder or delete it");
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

    if (Files.exists(dir.resolve("stage1/options.json"))) {
      // An interrupted demo continues, on the same data only.
      RunData.checkSame(RunData.options(dir.resolve("stage1")), data, dir.resolve("stage1"), false);
      out.println("demo: continuing the interrupted demo in " + dir);
    }
    // Recomputation saves memory the demo's small networks do not need; without it a stage-1
    // step is about 10 % faster and gives bit-for-bit the same weights.
    RunOptions run = RunOptions.builder().seed(seed).intraOpThreads(o.integer("threads"))
        .recompute(false).build();
    out.printf(Locale.ROOT, "demo: recipe %s; stage 1 %d, classifier %d, stage 2 %d iterations -> %s%n",
        Recipe.DEFAULT.id(), n1, nc, n2, dir);
    Pipeline pipeline = new Pipeline(dir, data, Recipe.DEFAULT, run,
        new Pipeline.Lengths(n1, nc, n2), baseline, Pipeline.Tweaks.none(), out);
    if (!pipeline.train()) {
      return 130;
    }
    // Disentanglement metrics of the stage-1 encoders by the training label and by the other
    // factor, which the content code should carry; reconstruction error against a blank image;
    // accuracy of stage-2 samples under C2 and the independently pre-trained classifier.
    Map<String, int[]> labels = new LinkedHashMap<>();
    labels.put(label, labelsOf(set, data.size(), label));
    labels.put(other, labelsOf(set, data.size(), other));
    Pipeline.Report result = pipeline.report(labels, seed);
    ReconstructionScores errors = result.reconstruction();
    MetricsReport report = result.metrics();
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
}
