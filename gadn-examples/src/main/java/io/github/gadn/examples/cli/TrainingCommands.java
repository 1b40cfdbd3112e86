package io.github.gadn.examples.cli;

import io.github.gadn.ClassifierTrainer;
import io.github.gadn.EncodeResult;
import io.github.gadn.GanTrainer;
import io.github.gadn.ResumeFrom;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.engine.Engines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code stage1}, {@code encode}, {@code classifier}, {@code stage2}, {@code gan}. */
final class TrainingCommands {
  private TrainingCommands() {}

  static List<Command> all() {
    return List.of(new Stage1(), new Encode(), new Classifier(), new Stage2(), new Gan());
  }

  private static Path savePath(Options o) {
    if (o.string("save-path") != null) {
      return Path.of(o.string("save-path"));
    }
    if (o.string("load-path") != null) {
      return Path.of(o.string("load-path"));
    }
    throw new UsageException("give --save-path (a new run) or --load-path (resume a run)");
  }

  /**
   * The checkpoint a resumed run continues from: {@code --load-iter} (last or an iteration
   * number), falling back to the newest intact numbered checkpoint with {@code --load-fallback}.
   */
  static ResumeFrom resumeFrom(Options o) {
    String which = o.string("load-iter");
    ResumeFrom from;
    if (which.equals(ResumeFrom.LAST)) {
      from = ResumeFrom.last();
    } else if (which.matches("\\d{1,18}") && Long.parseLong(which) > 0) {
      from = ResumeFrom.numbered(Long.parseLong(which));
    } else {
      throw new UsageException("option --load-iter takes last or an iteration number, got \"" + which + "\"");
    }
    return o.bool("load-fallback") ? from.orNewestIntact() : from;
  }

  /** {@code --ink-weights}: auto, 0 / off, or a background weight in (0, 1]. */
  static double inkWeights(String value) {
    if (value.equalsIgnoreCase("auto")) {
      return Stage1Config.INK_WEIGHTS_AUTO;
    }
    if (value.equalsIgnoreCase("off")) {
      return 0;
    }
    try {
      double v = Double.parseDouble(value);
      if (v >= 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "option --ink-weights takes auto, off, 0 or a background weight in (0,1], got \"" + value + "\"");
  }

  /** A run keeps the recipe it was made with; single options can still be overridden. */
  private static void refuseRecipeOnResume(Options o) {
    if (o.given("recipe")) {
      throw new UsageException("--recipe applies to new runs only; a resumed run keeps its recipe"
          + " (override single options instead)");
    }
  }

  private static void requireSameFolder(Options o) {
    if (o.string("load-path") != null && o.string("save-path") != null
        && !Path.of(o.string("load-path")).equals(Path.of(o.string("save-path")))) {
      throw new UsageException("resuming into a different --save-path is not supported; omit --save-path");
    }
  }

  // ------------------------------------------------------------------ stage 1

  static final class Stage1 implements Command {
    @Override
    public String name() {
      return "stage1";
    }

    @Override
    public Options options() {
      Options o = new Options("stage1", "Stage 1: train the style-independent content encoder.");
      CommonOptions.data(o);
      CommonOptions.dataFrom(o);
      CommonOptions.recipe(o);
      CommonOptions.run(o);
      CommonOptions.stage1Augment(o, r -> s1(r).augment().enabled());
      return CommonOptions.networks(o.add("ink-weights", null,
              "weight maps that emphasise ink over background: auto (derived from the data),"
                  + " 0 (none) or the background weight in (0,1] (default: cpu auto, paper 0)")
          .add("batch-size", null, "batch size (default: the recipe's size row for the image size)")
          .add("lr", null, "learning rate of E, G, C1 " + CommonOptions.byRecipe(r -> s1(r).lr()))
          .add("sty-lr", null, "learning rate of the style table " + CommonOptions.byRecipe(r -> s1(r).styleLr()))
          .add("lr-ramp", null, "iterations of linear learning-rate warm-up " + CommonOptions.byRecipe(r -> s1(r).lrRamp()))
          .list("features", null, "channels per level then FC width, e.g. 64,128,256,512 (default: the recipe's size row)")
          .list("blocks", null, "block strings per level then FC, e.g. cc,cbc,cbc,f")
          .list("gen-blocks", null, "generator block strings (default: --blocks or tc,cbc,...)")
          .add("content-size", null, "content code length (default: the recipe's size row)")
          .add("style-size", null, "style code length")
          .add("rec-weight", null, "reconstruction weight " + CommonOptions.byRecipe(r -> s1(r).recWeight()))
          .add("cla-weight", null, "adversarial classifier weight, 0 = VAE baseline " + CommonOptions.byRecipe(r -> s1(r).claWeight()))
          .add("con-weight", null, "content KL weight " + CommonOptions.byRecipe(r -> s1(r).conWeight()))
          .add("sty-weight", null, "style KL weight " + CommonOptions.byRecipe(r -> s1(r).styWeight()))
          .add("match-weight", null, "content-matching loss weight " + CommonOptions.byRecipe(r -> s1(r).matchWeight()))
          .add("cla-br-weight", null, "batch-regularisation weight of C1 " + CommonOptions.byRecipe(r -> s1(r).claBrWeight()))
          .add("transform-penalty", null, "fold-penalty weight " + CommonOptions.byRecipe(r -> s1(r).transformPenalty()))
          .add("content-dropout", null, "content nested-dropout base (1 = off)")
          .add("style-dropout", null, "style nested-dropout base (1 = off)")
          .flag("mlp", false, "MLP classifier on codes instead of the CNN on images")
          .add("mlp-features", null, "MLP hidden width")
          .add("mlp-layers", null, "MLP hidden layers " + CommonOptions.byRecipe(r -> s1(r).mlpLayers()))
          .tuple("visualize-size", 2, null, "grid rows and columns"), "enc", "gen", "cla");
    }

    /** The stage-1 defaults of a recipe, for help texts (values that do not depend on the size). */
    private static Stage1Config s1(Recipe r) {
      return Stage1Config.defaults(r, 28, 10).build();
    }

    static Stage1Config.Builder apply(Options o, Stage1Config.Builder b) {
      Stage1Config base = b.build();
      if (o.given("ink-weights")) b.inkWeights(inkWeights(o.string("ink-weights")));
      if (o.given("batch-size")) b.batchSize(o.integer("batch-size"));
      if (o.given("lr")) b.lr(o.number("lr"));
      if (o.given("sty-lr")) b.styleLr(o.number("sty-lr"));
      if (o.given("lr-ramp")) b.lrRamp(o.integer("lr-ramp"));
      b.encoder(CommonOptions.structure(o, Kind.ENCODER, base.encoder(), "enc"));
      b.classifier(CommonOptions.structure(o, Kind.ENCODER, base.classifier(), "cla"));
      b.generator(CommonOptions.structure(o, Kind.GENERATOR, base.generator(), "gen"));
      if (o.given("features") && !o.given("mlp-features")) {
        List<Integer> f = o.integers("features");
        b.mlpFeatures(f.get(f.size() - 1));
      }
      if (o.given("content-size")) {
        b.contentSize(o.integer("content-size"));
        if (!o.given("content-dropout")) {
          b.contentDropout(io.github.gadn.config.DefaultSizes.dropoutBase(o.integer("content-size")));
        }
      }
      if (o.given("style-size")) {
        b.styleSize(o.integer("style-size"));
        if (!o.given("style-dropout")) {
          b.styleDropout(io.github.gadn.config.DefaultSizes.dropoutBase(o.integer("style-size")));
        }
      }
      if (o.given("rec-weight")) b.recWeight(o.number("rec-weight"));
      if (o.given("cla-weight")) b.claWeight(o.number("cla-weight"));
      if (o.given("con-weight")) b.conWeight(o.number("con-weight"));
      if (o.given("sty-weight")) b.styWeight(o.number("sty-weight"));
      if (o.given("match-weight")) b.matchWeight(o.number("match-weight"));
      if (o.given("cla-br-weight")) b.claBrWeight(o.number("cla-br-weight"));
      if (o.given("transform-penalty")) b.transformPenalty(o.number("transform-penalty"));
      if (o.given("content-dropout")) b.contentDropout(o.number("content-dropout"));
      if (o.given("style-dropout")) b.styleDropout(o.number("style-dropout"));
      if (o.given("mlp")) b.mlp(o.bool("mlp"));
      if (o.given("mlp-features")) b.mlpFeatures(o.integer("mlp-features"));
      if (o.given("mlp-layers")) b.mlpLayers(o.integer("mlp-layers"));
      if (o.given("visualize-size")) {
        List<Integer> rc = o.integers("visualize-size");
        b.visRows(rc.get(0)).visCols(rc.get(1));
      }
      b.augment(CommonOptions.augmentConfig(o, base.augment()));
      b.run(CommonOptions.runOptions(o, base.run()));
      return b;
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      requireSameFolder(o);
      Recipe recipe = CommonOptions.recipe(o, Recipe.DEFAULT);
      LabelledDataset data = RunData.load(o, CommonOptions.runPath(o, "load-path"));
      Path dir = savePath(o);
      Stage1Trainer trainer;
      if (o.string("load-path") != null) {
        refuseRecipeOnResume(o);
        trainer = Engines.get().resumeStage1(dir, resumeFrom(o), b -> apply(o, b), data);
      } else {
        Stage1Config config =
            apply(o, Stage1Config.defaults(recipe, data.imageSize(), data.classCount())).build();
        trainer = Engines.get().stage1(config, data, dir);
      }
      try (trainer) {
        trainer.train(TrainingListener.none());
      }
      out.println("stage1: " + trainer.iteration() + " iterations; run folder " + dir);
      return 0;
    }
  }

  // ------------------------------------------------------------------ encode

  static final class Encode implements Command {
    @Override
    public String name() {
      return "encode";
    }

    @Override
    public Options options() {
      Options o = new Options("encode", "Encode the data set with a numbered stage-1 checkpoint.");
      CommonOptions.data(o);
      CommonOptions.resources(o);
      return o.add("enc-path", null, "stage-1 run folder (its data options are used unless given)")
          .add("enc-iter", null, "numbered checkpoint (default: the newest)");
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path run = Path.of(o.required("enc-path"));
      LabelledDataset data = RunData.load(o, run);
      long iter = CommonOptions.numberedIter(o, "enc-iter", run);
      EncodeResult codes =
          Engines.get().encode(
              run, iter, data,
              o.given("device") || o.given("threads") || o.given("inter-threads")
                  ? CommonOptions.resourceOptions(o)
                  : null);
      out.println("encode: " + codes.count() + " codes of checkpoint " + iter + ", of " + codes.contentSize() + " dimensions in "
          + Path.of(o.string("enc-path")).resolve("codes"));
      return 0;
    }
  }

  // ------------------------------------------------------------------ classifier

  static final class Classifier implements Command {
    @Override
    public String name() {
      return "classifier";
    }

    @Override
    public Options options() {
      Options o = new Options("classifier", "Pre-train the stage-2 classifier on real images.");
      CommonOptions.data(o);
      CommonOptions.dataFrom(o);
      CommonOptions.recipe(o);
      CommonOptions.run(o);
      CommonOptions.augment(o);
      return CommonOptions.networks(o.add("batch-size", null, "batch size (default: the recipe's size row for the image size)")
          .add("lr", null, "learning rate " + CommonOptions.byRecipe(r -> cla(r).lr()))
          .add("lr-ramp", null, "learning-rate warm-up iterations " + CommonOptions.byRecipe(r -> cla(r).lrRamp()))
          .add("cla-br-weight", null, "batch-regularisation weight " + CommonOptions.byRecipe(r -> cla(r).claBrWeight()))
          .list("features", null, "channels per level then FC width (default: the recipe's size row)")
          .list("blocks", null, "block strings"), "cla");
    }

    private static ClassifierConfig cla(Recipe r) {
      return ClassifierConfig.defaults(r, 28, 10).build();
    }

    static ClassifierConfig.Builder apply(Options o, ClassifierConfig.Builder b) {
      ClassifierConfig base = b.build();
      if (o.given("batch-size")) b.batchSize(o.integer("batch-size"));
      if (o.given("lr")) b.lr(o.number("lr"));
      if (o.given("lr-ramp")) b.lrRamp(o.integer("lr-ramp"));
      if (o.given("cla-br-weight")) b.claBrWeight(o.number("cla-br-weight"));
      b.classifier(CommonOptions.structure(o, Kind.ENCODER, base.classifier(), "cla"));
      b.augment(CommonOptions.augmentConfig(o, base.augment()));
      b.run(CommonOptions.runOptions(o, base.run()));
      return b;
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      requireSameFolder(o);
      Recipe recipe = CommonOptions.recipe(o, Recipe.DEFAULT);
      LabelledDataset data = RunData.load(o, CommonOptions.runPath(o, "load-path"));
      Path dir = savePath(o);
      ClassifierTrainer trainer;
      if (o.string("load-path") != null) {
        refuseRecipeOnResume(o);
        trainer = Engines.get().resumeClassifier(dir, resumeFrom(o), b -> apply(o, b), data);
      } else {
        trainer = Engines.get().classifier(
            apply(o, ClassifierConfig.defaults(recipe, data.imageSize(), data.classCount())).build(), data, dir);
      }
      try (trainer) {
        trainer.train(TrainingListener.none());
      }
      out.println("classifier: " + trainer.iteration() + " iterations; run folder " + dir);
      return 0;
    }
  }

  // ------------------------------------------------------------------ stage 2

  static final class Stage2 implements Command {
    @Override
    public String name() {
      return "stage2";
    }

    @Override
    public Options options() {
      Options o = new Options("stage2", "Stage 2: the dual-conditional GAN.");
      CommonOptions.data(o);
      CommonOptions.recipe(o);
      CommonOptions.run(o);
      CommonOptions.augment(o);
      return o.add("enc-path", null, "stage-1 run folder (its encode step must have run; its data options are used unless given)")
          .add("enc-iter", null, "numbered stage-1 checkpoint (default: the newest)")
          .add("cla-path", null, "classifier pre-training run folder")
          .add("cla-iter", null, "numbered classifier checkpoint (default: the newest)")
          .flag("reset-gen", false, "start G from random weights")
          .flag("reset-sty", false, "start S from its initial state")
          .flag("reset-dis", false, "start D from random weights")
          .flag("reset-cla", false, "start C2 from random weights")
          .add("batch-size", null, "batch size (default: the recipe's size row for the image size)")
          .add("lr", null, "learning rate of G, C2, D " + CommonOptions.byRecipe(r -> s2(r).lr()))
          .add("sty-lr", null, "learning rate of S " + CommonOptions.byRecipe(r -> s2(r).styleLr()))
          .add("lr-ramp", null, "learning-rate warm-up " + CommonOptions.byRecipe(r -> s2(r).lrRamp()))
          .add("dis-weight", null, "generator weight of the discriminator loss " + CommonOptions.byRecipe(r -> s2(r).disWeight()))
          .add("cla-weight", null, "generator weight of the classifier loss " + CommonOptions.byRecipe(r -> s2(r).claWeight()))
          .add("con-weight", null, "content-loss weight " + CommonOptions.byRecipe(r -> s2(r).conWeight()))
          .add("sty-weight", null, "style KL weight " + CommonOptions.byRecipe(r -> s2(r).styWeight()))
          .flag("cla-fake", true, "train C2 to reject generated images")
          .add("dis-br-weight", null, "BR weight of D " + CommonOptions.byRecipe(r -> s2(r).disBrWeight()))
          .add("cla-br-weight", null, "BR weight of C2 " + CommonOptions.byRecipe(r -> s2(r).claBrWeight()))
          .add("gen-br-weight", null, "BR weight of fakes in G's loss " + CommonOptions.byRecipe(r -> s2(r).genBrWeight()))
          .add("transform-penalty", null, "fold-penalty weight " + CommonOptions.byRecipe(r -> s2(r).transformPenalty()))
          .add("force-dis", null, "D loop threshold, <= 0 disables " + CommonOptions.byRecipe(r -> s2(r).forceDis()))
          .add("force-cla", null, "C2 loop threshold, <= 0 disables " + CommonOptions.byRecipe(r -> s2(r).forceCla()))
          .add("max-dis-batches", null, "cap on D/C2 batches per iteration " + CommonOptions.byRecipe(r -> s2(r).maxDisBatches()))
          .add("style-dropout", "0", "style nested-dropout base (0 = 1 - 2/Cs)")
          .add("ema-beta", null, CommonOptions.emaBetaHelp("G and S", r -> s2(r).emaBeta()))
          .tuple("visualize-size", 2, null, "grid rows and columns");
    }

    private static Stage2Config s2(Recipe r) {
      return Stage2Config.defaults(r, 28, "stage1", 1).build();
    }

    static Stage2Config.Builder apply(Options o, Stage2Config.Builder b) {
      Stage2Config base = b.build();
      if (o.given("cla-path")) b.classifierRun(o.string("cla-path"));
      if (o.given("cla-iter")) b.classifierIter(o.longValue("cla-iter"));
      if (o.given("reset-gen")) b.resetGen(o.bool("reset-gen"));
      if (o.given("reset-sty")) b.resetSty(o.bool("reset-sty"));
      if (o.given("reset-dis")) b.resetDis(o.bool("reset-dis"));
      if (o.given("reset-cla")) b.resetCla(o.bool("reset-cla"));
      if (o.given("batch-size")) b.batchSize(o.integer("batch-size"));
      if (o.given("lr")) b.lr(o.number("lr"));
      if (o.given("sty-lr")) b.styleLr(o.number("sty-lr"));
      if (o.given("lr-ramp")) b.lrRamp(o.integer("lr-ramp"));
      if (o.given("dis-weight")) b.disWeight(o.number("dis-weight"));
      if (o.given("cla-weight")) b.claWeight(o.number("cla-weight"));
      if (o.given("con-weight")) b.conWeight(o.number("con-weight"));
      if (o.given("sty-weight")) b.styWeight(o.number("sty-weight"));
      if (o.given("cla-fake")) b.claFake(o.bool("cla-fake"));
      if (o.given("dis-br-weight")) b.disBrWeight(o.number("dis-br-weight"));
      if (o.given("cla-br-weight")) b.claBrWeight(o.number("cla-br-weight"));
      if (o.given("gen-br-weight")) b.genBrWeight(o.number("gen-br-weight"));
      if (o.given("transform-penalty")) b.transformPenalty(o.number("transform-penalty"));
      if (o.given("force-dis")) b.forceDis(o.number("force-dis"));
      if (o.given("force-cla")) b.forceCla(o.number("force-cla"));
      if (o.given("max-dis-batches")) b.maxDisBatches(o.integer("max-dis-batches"));
      if (o.given("style-dropout")) b.styleDropout(o.number("style-dropout"));
      if (o.given("ema-beta")) b.emaBeta(o.number("ema-beta"));
      if (o.given("visualize-size")) {
        List<Integer> rc = o.integers("visualize-size");
        b.visRows(rc.get(0)).visCols(rc.get(1));
      }
      b.augment(CommonOptions.augmentConfig(o, base.augment()));
      b.run(CommonOptions.runOptions(o, base.run()));
      return b;
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      requireSameFolder(o);
      CommonOptions.recipe(o, Recipe.DEFAULT); // a bad --recipe is reported before any work
      Path dir = savePath(o);
      Stage2Trainer trainer;
      if (o.string("load-path") != null) {
        refuseRecipeOnResume(o);
        LabelledDataset data = RunData.load(o, CommonOptions.runPath(o, "load-path"));
        trainer = Engines.get().resumeStage2(dir, resumeFrom(o), b -> apply(o, b), data);
      } else {
        // Stage 2 trains on its stage-1 run's data and follows its recipe unless told otherwise.
        Path stage1 = Path.of(o.required("enc-path"));
        LabelledDataset data = RunData.load(o, stage1);
        Recipe recipe = CommonOptions.recipe(o, Engines.get().readStage1Config(stage1).recipe());
        Stage2Config.Builder b = Stage2Config.defaults(
            recipe, data.imageSize(), stage1.toString(), CommonOptions.numberedIter(o, "enc-iter", stage1));
        if (o.given("cla-path")) {
          b.classifierIter(CommonOptions.numberedIter(o, "cla-iter", Path.of(o.string("cla-path"))));
        }
        trainer = Engines.get().stage2(apply(o, b).build(), data, dir);
      }
      try (trainer) {
        trainer.train(TrainingListener.none());
      }
      out.println("stage2: " + trainer.iteration() + " iterations (" + trainer.discriminatorBatches()
          + " D batches); run folder " + dir);
      return 0;
    }
  }

  // ------------------------------------------------------------------ gan

  static final class Gan implements Command {
    @Override
    public String name() {
      return "gan";
    }

    @Override
    public Options options() {
      Options o = new Options("gan", "The unconditional LSGAN baseline.");
      CommonOptions.data(o);
      CommonOptions.dataFrom(o);
      CommonOptions.recipe(o);
      CommonOptions.run(o);
      CommonOptions.augment(o);
      return CommonOptions.networks(o.add("batch-size", null, "batch size (default: the recipe's size row for the image size)")
          .add("lr", null, "learning rate " + CommonOptions.byRecipe(r -> gan(r).lr()))
          .add("lr-ramp", null, "learning-rate warm-up " + CommonOptions.byRecipe(r -> gan(r).lrRamp()))
          .add("content-size", null, "noise length (default: the recipe's content size)")
          .add("dis-br-weight", null, "BR weight of D " + CommonOptions.byRecipe(r -> gan(r).disBrWeight()))
          .add("gen-br-weight", null, "BR weight of fakes in G's loss " + CommonOptions.byRecipe(r -> gan(r).genBrWeight()))
          .add("transform-penalty", null, "fold-penalty weight " + CommonOptions.byRecipe(r -> gan(r).transformPenalty()))
          .add("force-dis", null, "D loop threshold " + CommonOptions.byRecipe(r -> gan(r).forceDis()))
          .add("max-dis-batches", null, "cap on D batches per iteration " + CommonOptions.byRecipe(r -> gan(r).maxDisBatches()))
          .add("ema-beta", null, CommonOptions.emaBetaHelp("G", r -> gan(r).emaBeta()))
          .list("features", null, "channels per level then FC width (default: the recipe's size row)")
          .list("blocks", null, "block strings")
          .list("gen-blocks", null, "generator block strings"), "gen", "dis");
    }

    private static GanConfig gan(Recipe r) {
      return GanConfig.defaults(r, 28).build();
    }

    static GanConfig.Builder apply(Options o, GanConfig.Builder b) {
      GanConfig base = b.build();
      if (o.given("batch-size")) b.batchSize(o.integer("batch-size"));
      if (o.given("lr")) b.lr(o.number("lr"));
      if (o.given("lr-ramp")) b.lrRamp(o.integer("lr-ramp"));
      if (o.given("content-size")) b.noiseSize(o.integer("content-size"));
      if (o.given("dis-br-weight")) b.disBrWeight(o.number("dis-br-weight"));
      if (o.given("gen-br-weight")) b.genBrWeight(o.number("gen-br-weight"));
      if (o.given("transform-penalty")) b.transformPenalty(o.number("transform-penalty"));
      if (o.given("force-dis")) b.forceDis(o.number("force-dis"));
      if (o.given("max-dis-batches")) b.maxDisBatches(o.integer("max-dis-batches"));
      if (o.given("ema-beta")) b.emaBeta(o.number("ema-beta"));
      b.discriminator(CommonOptions.structure(o, Kind.ENCODER, base.discriminator(), "dis"));
      b.generator(CommonOptions.structure(o, Kind.GENERATOR, base.generator(), "gen"));
      b.augment(CommonOptions.augmentConfig(o, base.augment()));
      b.run(CommonOptions.runOptions(o, base.run()));
      return b;
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      requireSameFolder(o);
      Recipe recipe = CommonOptions.recipe(o, Recipe.DEFAULT);
      LabelledDataset data = RunData.load(o, CommonOptions.runPath(o, "load-path"));
      Path dir = savePath(o);
      GanTrainer trainer;
      if (o.string("load-path") != null) {
        refuseRecipeOnResume(o);
        trainer = Engines.get().resumeGan(dir, resumeFrom(o), b -> apply(o, b), data);
      } else {
        trainer = Engines.get().gan(
            apply(o, GanConfig.defaults(recipe, data.imageSize())).build(), data, dir);
      }
      try (trainer) {
        trainer.train(TrainingListener.none());
      }
      out.println("gan: " + trainer.iteration() + " iterations; run folder " + dir);
      return 0;
    }
  }
}
