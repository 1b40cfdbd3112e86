package io.github.gadn.examples.cli;

import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.ImageFolderDataset;
import io.github.gadn.data.LabelledDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        .flag("skip-unreadable", false, "leave out unreadable images instead of failing");
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
    StringBuilder b = new StringBuilder("(default: ");
    for (Recipe r : List.of(Recipe.CPU, Recipe.PAPER)) {
      if (r != Recipe.CPU) {
        b.append(", ");
      }
      b.append(r.id()).append(' ').append(number(value.applyAsDouble(r)));
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

  static Options run(Options o) {
    return o.add("save-path", null, "run folder to write")
        .add("load-path", null, "run folder to resume")
        .add("load-iter", "last", "checkpoint to resume: last or an iteration")
        .flag("load-fallback", false,
            "if that checkpoint is missing or corrupt, resume from the newest intact numbered one")
        .add("niter", null, "train while the iteration is below this")
        .add("save-iter", "1000", "save the last checkpoint every N iterations")
        .add("checkpoint-iter", "20000", "numbered checkpoint every N iterations")
        .add("log-iter", "1000", "flush log.csv every N iterations")
        .add("visualize-iter", "100", "write grids every N iterations")
        .add("seed", "0", "seed of every random choice")
        .add("device", "/CPU:0", "device, e.g. /CPU:0 or /GPU:0")
        .add("threads", "0", "intra-op threads (0 = engine default)")
        .add("inter-threads", "0", "inter-op threads (0 = engine default)")
        .add("nloader", "1", "data loading threads")
        .add("conv-kernels", "auto", CONV_KERNELS_HELP)
        .flag("recompute", true, RECOMPUTE_HELP);
  }

  /** Device and engine threads, for commands that only run a trained model. */
  static Options resources(Options o) {
    return o.add("device", "/CPU:0", "device, e.g. /CPU:0 or /GPU:0")
        .add("threads", "0", "intra-op threads (0 = engine default)")
        .add("inter-threads", "0", "inter-op threads (0 = engine default)");
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
    return o.flag("augment", true, "random rotation/zoom/shift of classifier inputs")
        .add("max-angle", "15", "augmentation: maximum rotation in degrees")
        .add("max-scale", "1.25", "augmentation: maximum zoom")
        .add("min-margin", "0.4", "augmentation: minimum centre margin");
  }

  static LabelledDataset loadData(Options o) throws IOException {
    String root = o.required("data-root");
    Path path = Path.of(root);
    if (!Files.exists(path)) {
      throw new UsageException("--data-root " + root + " does not exist");
    }
    LabelledDataset data;
    if (Files.isRegularFile(path)) {
      String labels = o.string("labels");
      if (labels == null) {
        throw new UsageException("--data-root " + root + " is a file (IDX images): give --labels too");
      }
      try {
        data = IdxDataset.read(path, Path.of(labels), o.string("label"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--label: " + e.getMessage());
      }
    } else {
      ImageFolderDataset.Builder b = ImageFolderDataset.builder(path)
          .cropSize(o.integer("crop-size"))
          .skipUnreadable(o.bool("skip-unreadable"));
      if (o.string("alpha-root") != null) {
        b.alphaRoot(Path.of(o.string("alpha-root")));
      }
      if (o.string("weight-root") != null) {
        b.weightRoot(Path.of(o.string("weight-root")));
      }
      try {
        if (o.given("image-size")) {
          b.imageSize(o.integer("image-size"));
        }
        data = b.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (o.given("image-size") && data.imageSize() != o.integer("image-size")) {
      throw new UsageException(
          "--image-size " + o.integer("image-size") + " differs from the IDX images' " + data.imageSize());
    }
    return data;
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
      b.device(o.string("device"));
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

  /** Structure from --features / --blocks (or the kind's defaults for the features). */
  static NetworkStructure structure(
      Options o, NetworkStructure.Kind kind, NetworkStructure base, String blocksOption) {
    List<Integer> features = o.given("features") ? o.integers("features") : base.features();
    String blocksName = o.given(blocksOption) ? blocksOption : "blocks";
    try {
      if (o.given(blocksName)) {
        return NetworkStructure.of(kind, features, o.strings(blocksName));
      }
      return o.given("features") ? NetworkStructure.defaults(kind, features) : base;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + blocksName + "/--features: " + e.getMessage());
    }
  }
}
