package io.github.gadn.examples.cli;

import io.github.gadn.ModelWeights;
import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.Engines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Option groups shared by several commands, and how they map onto configs. */
final class CommonOptions {
  private CommonOptions() {}

  static Options data(Options o) {
    return o.add("data-root", null, "class-per-folder image tree, or an IDX images file")
        .add("labels", null, "IDX labels file (idx1-ubyte or QMNIST idx2-int) for IDX images")
        .add("label", "digit", "style label column of IDX labels: digit, writer or a number")
        .add("alpha-root", null, "alpha PNG tree paired with a JPEG RGB tree")
        .add("weight-root", null, "per-pixel weight-map tree (stage 1)")
        .add("crop-size", "0", "centre crop before resizing (0 = none)")
        .add("image-size", null, "image side, even (default: the data's)")
        .flag("skip-unreadable", false, "leave out unreadable images instead of failing")
        .flag("allow-changed-data", false,
            "use data that differs from the data the run was trained on (otherwise an error)");
  }

  /** {@code --data-from}: a fresh run on the data recorded in another run folder. */
  static Options dataFrom(Options o) {
    return o.add("data-from", null,
        "take the data options from this run folder (e.g. a classifier on stage 1's data)");
  }

  /** The run folder a command continues, from {@code option}, or null if not given. */
  static Path runPath(Options o, String option) {
    return o.string(option) == null ? null : Path.of(o.string(option));
  }

  /**
   * The checkpoint of {@code option} ({@code --enc-iter}, {@code --cla-iter}): the number given,
   * or the newest numbered checkpoint of {@code run}.
   *
   * @throws UsageException if none is given and the run has no numbered checkpoint
   */
  static long numberedIter(Options o, String option, Path run) throws IOException {
    if (o.given(option)) {
      return o.longValue(option);
    }
    List<Long> numbered = Engines.get().numberedCheckpoints(run);
    if (numbered.isEmpty()) {
      throw new UsageException(run + " has no numbered checkpoint (a run writes one every"
          + " --checkpoint-iter iterations and when it ends): finish it first with --load-path "
          + run + ", or give --" + option);
    }
    return numbered.get(numbered.size() - 1);
  }

  /** {@code --recipe}, for the commands that train. */
  static Options recipe(Options o) {
    return o.add("recipe", null,
        "training recipe that fills every option not given: cpu (the default: learns within"
            + " minutes on a CPU) or paper (the original implementation's defaults)");
  }

  /** The recipe named by {@code --recipe}, or {@code fallback}; a bad name is a usage error. */
  static Recipe recipe(Options o, Recipe fallback) {
    if (!o.given("recipe")) {
      return fallback;
    }
    try {
      return Recipe.parse(o.string("recipe"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  /**
   * Help text of an option whose default comes from the recipe: its value in each recipe, read
   * from the config factories themselves so that the help cannot drift from them.
   */
  static String byRecipe(java.util.function.ToDoubleFunction<Recipe> value) {
    return byRecipeText(r -> number(value.applyAsDouble(r)));
  }

  /** "(default: cpu X, paper Y)" with each recipe's default as {@code text} writes it. */
  static String byRecipeText(java.util.function.Function<Recipe, String> text) {
    StringBuilder b = new StringBuilder("(default: ");
    for (Recipe r : List.of(Recipe.CPU, Recipe.PAPER)) {
      if (r != Recipe.CPU) {
        b.append(", ");
      }
      b.append(r.id()).append(' ').append(text.apply(r));
    }
    return b.append(')').toString();
  }

  /** A number as a user would type it: 100, 0.2, 5e-05. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return plain.length() <= 8 ? plain : String.format(java.util.Locale.ROOT, "%.3g", v);
  }
  static final String CONV_KERNELS_HELP =
      "convolution kernels: forward (gradients as forward convolutions), engine, or auto"
          + " (forward when TF_ENABLE_ONEDNN_OPTS=0)";

  static final String RECOMPUTE_HELP =
      "stage 1: recompute E's and the shifted G pass in the backward pass (less memory, more"
          + " FLOPs, same gradients)";

  /** The run options' defaults, which the help texts show. */
  private static final RunOptions RUN_DEFAULTS = RunOptions.builder().build();

  static Options run(Options o) {
    RunOptions d = RUN_DEFAULTS;
    return o.add("save-path", null, "run folder to write")
        .add("load-path", null, "run folder to resume (its data options are used unless given)")
        .add("load-iter", "last", "checkpoint to resume: last or an iteration")
        .flag("load-fallback", false,
            "if that checkpoint is missing or corrupt, resume from the newest intact numbered one")
        .add("niter", Long.toString(d.niter()), "train while the iteration is below this")
        .add("save-iter", Long.toString(d.saveIter()), "save the last checkpoint every N iterations")
        .add("checkpoint-iter", Long.toString(d.checkpointIter()),
            "numbered checkpoint every N iterations (and always at the end of a run)")
        .add("log-iter", Long.toString(d.logIter()), "flush log.csv every N iterations")
        .add("visualize-iter", Long.toString(d.visualizeIter()), "write grids every N iterations")
        .add("seed", Long.toString(d.seed()), "seed of every random choice")
        .add("device", d.device(), DEVICE_HELP)
        .add("threads", Integer.toString(d.intraOpThreads()), "intra-op threads (0 = engine default)")
        .add("inter-threads", Integer.toString(d.interOpThreads()), "inter-op threads (0 = engine default)")
        .add("nloader", Integer.toString(d.nloader()), "data loading threads")
        .add("conv-kernels", d.convKernels().name().toLowerCase(java.util.Locale.ROOT), CONV_KERNELS_HELP)
        .flag("recompute", d.recompute(), RECOMPUTE_HELP);
  }

  static final String DEVICE_HELP = "device: /CPU:0, /GPU:0, … (or the original's cpu, cuda:0, …)";

  /** Device and engine threads, for commands that only run a trained model. */
  static Options resources(Options o) {
    RunOptions d = RUN_DEFAULTS;
    return o.add("device", d.device(), DEVICE_HELP)
        .add("threads", Integer.toString(d.intraOpThreads()), "intra-op threads (0 = engine default)")
        .add("inter-threads", Integer.toString(d.interOpThreads()), "inter-op threads (0 = engine default)");
  }

  /** {@code --ema}, for commands that load a stage-2 generator. */
  static Options ema(Options o) {
    return o.flag("ema", true, "use G's and S's bias-corrected weight average when the stage-2"
        + " checkpoint has one (false: the trained weights)");
  }

  /** The weights {@code --ema} chooses. */
  static ModelWeights weights(Options o) {
    return o.bool("ema") ? ModelWeights.AVERAGED : ModelWeights.RAW;
  }

  /** The help of {@code --ema-beta}, with the recipes' defaults. */
  static String emaBetaHelp(String networks, ToDoubleFunction<Recipe> byRecipe) {
    return "decay of the weight average of " + networks + " that models load, in [0, 1), 0 = none "
        + byRecipe(byRecipe);
  }

  /** The run options of {@link #resources}; a bad device is a usage error. */
  static RunOptions resourceOptions(Options o) {
    try {
      return runOptions(o, RunOptions.builder().build());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Options augment(Options o) {
    return augmentWarp(o.flag("augment", AugmentConfig.defaults().enabled(), AUGMENT_HELP));
  }

  /** Stage 1's augmentation options: whether {@code C1}'s input is warped depends on the recipe. */
  static Options stage1Augment(Options o, java.util.function.Predicate<Recipe> enabled) {
    String defaults = byRecipeText(r -> Boolean.toString(enabled.test(r)));
    return augmentWarp(o.flag("augment", AUGMENT_HELP + " " + defaults));
  }

  private static final String AUGMENT_HELP = "random rotation/zoom/shift of classifier inputs";

  private static Options augmentWarp(Options o) {
    AugmentConfig d = AugmentConfig.defaults();
    return o.add("max-angle", number(d.maxAngle()), "augmentation: maximum rotation in degrees")
        .add("max-scale", number(d.maxScale()), "augmentation: maximum zoom")
        .add("min-margin", number(d.minMargin()), "augmentation: minimum centre margin");
  }

  /** The data of a fresh start, from the data options (or {@code --data-from}). */
  static LabelledDataset loadData(Options o) throws IOException {
    return RunData.load(o, null);
  }

  static RunOptions runOptions(Options o, RunOptions base) {
    RunOptions.Builder b = base.toBuilder();
    if (o.given("niter")) {
      b.niter(o.longValue("niter"));
    }
    if (o.given("save-iter")) {
      b.saveIter(o.longValue("save-iter"));
    }
    if (o.given("checkpoint-iter")) {
      b.checkpointIter(o.longValue("checkpoint-iter"));
    }
    if (o.given("log-iter")) {
      b.logIter(o.longValue("log-iter"));
    }
    if (o.given("visualize-iter")) {
      b.visualizeIter(o.longValue("visualize-iter"));
    }
    if (o.given("seed")) {
      b.seed(o.longValue("seed"));
    }
    if (o.given("device")) {
      b.device(device(o.string("device")));
    }
    if (o.given("threads")) {
      b.intraOpThreads(o.integer("threads"));
    }
    if (o.given("inter-threads")) {
      b.interOpThreads(o.integer("inter-threads"));
    }
    if (o.given("nloader")) {
      b.nloader(o.integer("nloader"));
    }
    if (o.given("recompute")) {
      b.recompute(o.bool("recompute"));
    }
    if (o.given("conv-kernels")) {
      try {
        b.convKernels(io.github.gadn.config.ConfigMaps.convKernels(o.string("conv-kernels")));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--conv-kernels takes auto, forward or engine, got \""
            + o.string("conv-kernels") + "\"");
      }
    }
    return b.build();
  }

  static AugmentConfig augmentConfig(Options o, AugmentConfig base) {
    AugmentConfig.Builder b = base.toBuilder();
    if (o.given("augment")) {
      b.enabled(o.bool("augment"));
    }
    if (o.given("max-angle")) {
      b.maxAngle(o.number("max-angle"));
    }
    if (o.given("max-scale")) {
      b.maxScale(o.number("max-scale"));
    }
    if (o.given("min-margin")) {
      b.minMargin(o.number("min-margin"));
    }
    return b.build();
  }

  /**
   * The structure of one network from its own options ({@code --enc-features}, {@code
   * --enc-blocks}; prefix {@code enc}, {@code gen}, {@code cla} or {@code dis}), falling back to the
   * shared {@code --features} / {@code --blocks}, then to {@code base}.
   */
  static NetworkStructure structure(
      Options o, NetworkStructure.Kind kind, NetworkStructure base, String prefix) {
    String features = given(o, prefix + "-features") ? prefix + "-features"
        : o.given("features") ? "features" : null;
    String blocks = given(o, prefix + "-blocks") ? prefix + "-blocks"
        : o.given("blocks") ? "blocks" : null;
    if (features == null && blocks == null) {
      return base;
    }
    List<Integer> channels = features == null ? base.features() : o.integers(features);
    try {
      return blocks == null
          ? NetworkStructure.defaults(kind, channels)
          : NetworkStructure.of(kind, channels, o.strings(blocks));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + (blocks == null ? "blocks" : blocks) + "/--"
          + (features == null ? "features" : features) + ": " + e.getMessage());
    }
  }

  /** Whether the option is declared and given. */
  static boolean given(Options o, String name) {
    return o.declares(name) && o.given(name);
  }

  /** Whether any option of one network's structure (or the shared ones) was given. */
  static boolean structureGiven(Options o, String prefix) {
    return o.given("features") || o.given("blocks") || given(o, prefix + "-features")
        || given(o, prefix + "-blocks");
  }

  /** Declares the structure options of the networks with these prefixes. */
  static Options networks(Options o, String... prefixes) {
    java.util.Map<String, String> names = java.util.Map.of(
        "enc", "the encoder E", "gen", "the generator G", "cla", "the classifier",
        "dis", "the discriminator D");
    for (String p : prefixes) {
      o.list(p + "-features", null, "channels of " + names.get(p) + " (default: --features)");
      if (!p.equals("gen")) {
        o.list(p + "-blocks", null, "block strings of " + names.get(p) + " (default: --blocks)");
      }
    }
    return o;
  }

  /**
   * {@code --device}: TensorFlow's spelling ({@code /CPU:0}, {@code /GPU:1}) or the original's
   * ({@code cpu}, {@code cuda}, {@code cuda:1}).
   */
  static String device(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("cpu")) {
      return "/CPU:0";
    }
    if (v.equalsIgnoreCase("cuda")) {
      return "/GPU:0";
    }
    if (v.toLowerCase(java.util.Locale.ROOT).matches("cuda:\\d+")) {
      return "/GPU:" + v.substring(5);
    }
    return v;
  }
}
