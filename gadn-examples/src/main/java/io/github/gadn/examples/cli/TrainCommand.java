package io.github.gadn.examples.cli;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.Engines;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gadn train}: the whole method on a user's data in one resumable command — stage 1 →
 * encode → classifier pre-training → stage 2 → report (grids, style-swap sheets, {@code
 * metrics.md}) in one folder. Interrupted at any point (Ctrl-C, kill -9), the same command
 * continues where it stopped; {@code --out DIR} alone continues with the data recorded there.
 */
final class TrainCommand implements Command {
  @Override
  public String name() {
    return "train";
  }

  @Override
  public Options options() {
    Options o = new Options("train", "Stage 1 -> encode -> classifier -> stage 2 -> report, resumable:"
        + " run the same command again to continue an interrupted pipeline.");
    CommonOptions.data(o);
    CommonOptions.recipe(o);
    o.add("out", null, "pipeline folder (stage1/, classifier/, stage2/ and the report)")
        .add("stage1-iter", "3000", "stage-1 iterations")
        .add("classifier-iter", "1000", "classifier pre-training iterations")
        .add("stage2-iter", "1000", "stage-2 iterations")
        .list("features", null, "channels per level then FC width of every network"
            + " (default: the recipe's size row for the image size)")
        .add("content-size", null, "content code length (default: the recipe's size row)")
        .add("batch-size", null, "batch size of every stage (default: the recipe's size row)")
        .add("ema-beta", null, CommonOptions.emaBetaHelp("stage 2's G and S",
            r -> Stage2Config.defaults(r, 28, "stage1", 1).build().emaBeta()))
        .flag("baseline", false, "also train the VAE baseline (stage 1 with --cla-weight 0) and report it")
        .add("second-label", null,
            "also measure the content code by this label: an IDX label column or a factors.csv column")
        .add("seed", Long.toString(RunOptions.builder().build().seed()), "seed of every random choice");
    return CommonOptions.resources(o);
  }

  @Override
  public int run(Options o, PrintStream out) throws Exception {
    Path dir = Path.of(o.required("out"));
    Path stage1 = dir.resolve("stage1");
    boolean continuing = Files.isRegularFile(stage1.resolve("options.json"));
    Recipe recipe = CommonOptions.recipe(o, Recipe.DEFAULT);
    if (continuing) {
      Recipe recorded = Engines.get().readStage1Config(stage1).recipe();
      if (o.given("recipe") && recipe != recorded) {
        throw new UsageException("--recipe " + recipe.id() + ": " + dir + " was started with recipe "
            + recorded.id() + " (a pipeline keeps its recipe)");
      }
      recipe = recorded;
    }
    long n1 = positive(o, "stage1-iter");
    long nc = positive(o, "classifier-iter");
    long n2 = positive(o, "stage2-iter");
    RunOptions run = CommonOptions.runOptions(o, RunOptions.builder().build());
    LabelledDataset data = RunData.load(o, continuing ? stage1 : null);
    out.printf(Locale.ROOT, "train: %d images of %d classes, %d px (%s); recipe %s; %s %s%n",
        data.size(), data.classCount(), data.imageSize(), data.description(), recipe.id(),
        continuing ? "continuing in" : "folder", dir);
    // The labellings of the report, checked before any training.
    Map<String, int[]> labels = new LinkedHashMap<>();
    int[] own = new int[data.size()];
    for (int i = 0; i < own.length; i++) {
      own[i] = data.label(i);
    }
    labels.put(EvaluateCommand.primaryName(data), own);
    if (o.given("second-label")) {
      labels.put(o.string("second-label"), EvaluateCommand.secondLabels(o, data));
    }
    // Sizes given here change the fresh stages' configs exactly as the stage commands would.
    Pipeline.Tweaks tweaks = new Pipeline.Tweaks(
        b -> TrainingCommands.Stage1.apply(o, b),
        b -> TrainingCommands.Classifier.apply(o, b),
        b -> TrainingCommands.Stage2.apply(o, b));
    Pipeline pipeline = new Pipeline(dir, data, recipe, run, new Pipeline.Lengths(n1, nc, n2),
        o.bool("baseline"), tweaks, out);
    if (!pipeline.train()) {
      return 130;
    }
    Pipeline.Report report = pipeline.report(labels, run.seed());
    out.println(report.metrics().toMarkdown());
    out.printf(Locale.ROOT, "train: done. Report in %s: stage1-reconstructions.png,"
        + " style-swap-stage1.png, style-swap-stage2.png, stage2-samples.png, metrics.md%n", dir);
    return 0;
  }

  private static long positive(Options o, String name) {
    long n = o.longValue(name);
    if (n < 1) {
      throw new UsageException("--" + name + " must be at least 1, got " + n);
    }
    return n;
  }
}
