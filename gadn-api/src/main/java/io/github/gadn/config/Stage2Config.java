package io.github.gadn.config;

import com.google.auto.value.AutoValue;

/**
 * Options of stage 2, the dual-conditional GAN (docs/method.md §7). Network structures, image
 * size, code sizes and classes are inherited from the stage-1 run (and the classifier run) named
 * here; these options are the training ones.
 *
 * <pre>{@code
 * Stage2Config config = Stage2Config.defaults(32, "runs/s1", 20000)
 *     .classifierRun("runs/cla").classifierIter(20000)
 *     .build();
 * }</pre>
 */
@AutoValue
public abstract class Stage2Config {

  /** The recipe the defaults came from (recorded in {@code options.json}). */
  public abstract Recipe recipe();

  /** Image side (must equal the stage-1 run's). */
  public abstract int imageSize();

  /** The stage-1 run folder ({@code --enc-path}). */
  public abstract String stage1Run();

  /** Its numbered checkpoint whose encode step has been run ({@code --enc-iter}). */
  public abstract long stage1Iter();

  /** The classifier pre-training run folder, or empty for none ({@code --cla-path}). */
  public abstract String classifierRun();

  /** Its numbered checkpoint ({@code --cla-iter}). */
  public abstract long classifierIter();

  /** Start {@code G} from random weights instead of stage 1's. */
  public abstract boolean resetGen();

  /** Start {@code S} from its initial state instead of stage 1's. */
  public abstract boolean resetSty();

  /** Start {@code D} from random weights instead of the classifier's body. */
  public abstract boolean resetDis();

  /** Start {@code C2} from random weights instead of the pre-trained classifier. */
  public abstract boolean resetCla();

  /** Batch size (default from the recipe's size row). */
  public abstract int batchSize();

  /** RMSprop learning rate of {@code G}, {@code C2}, {@code D} (paper 2e-5, cpu 2e-4). */
  public abstract double lr();

  /** Adam learning rate of {@code S} (paper and cpu 0.002). */
  public abstract double styleLr();

  /** Learning-rate ramp length (paper 100, cpu 20). */
  public abstract int lrRamp();

  /** Generator weight of the discriminator loss {@code λ_dis} (default 1). */
  public abstract double disWeight();

  /** Generator weight of the classifier loss {@code λ_cla} (default 1). */
  public abstract double claWeight();

  /** Content-loss weight {@code λ_con} (default 0.1; 0 skips the encoder). */
  public abstract double conWeight();

  /** Style KL weight (default 1e-5). */
  public abstract double styWeight();

  /** Train {@code C2} to reject generated images (default true; false = non-adversarial). */
  public abstract boolean claFake();

  /** BR weight of {@code D} on real images (default 1). */
  public abstract double disBrWeight();

  /** BR weight of {@code C2} on real images (default 1). */
  public abstract double claBrWeight();

  /** BR weight of {@code D}/{@code C2} statistics of generated images in G's loss (default 1). */
  public abstract double genBrWeight();

  /** Fold-penalty weight (default 100). */
  public abstract double transformPenalty();

  /** Discriminator loop threshold on the running D losses; ≤ 0 disables (default 0.8). */
  public abstract double forceDis();

  /** Classifier loop threshold on the running C2 losses; ≤ 0 disables (default 0.6931). */
  public abstract double forceCla();

  /**
   * Upper bound on D/C2 batches per iteration: paper 1000, a safety net for the force loops (the
   * original has none); cpu 3, so that an iteration costs at most three discriminator batches
   * while D and C2 are still far from their thresholds.
   */
  public abstract int maxDisBatches();

  /** Style nested-dropout base; 0 means the default {@code 1 − 2/Cs}, 1 disables it. */
  public abstract double styleDropout();

  /** Augmentation of D and C2 inputs. */
  public abstract AugmentConfig augment();

  /** Grid rows (default twice the columns). */
  public abstract int visRows();

  /** Grid columns (default from the size table). */
  public abstract int visCols();

  /**
   * Decay β of the exponential moving average of G's and S's weights, updated in the training graph
   * after every generator step: {@code ema ← β·ema + (1−β)·w}, read bias-corrected (docs/training.md,
   * "Generator EMA"). 0 keeps no average (paper 0: the original has none; cpu 0.999); otherwise
   * in (0, 1). Models load the averaged weights by default.
   */
  public abstract double emaBeta();

  /** Run length, periodic actions, seed and resources. */
  public abstract RunOptions run();

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /**
   * A builder filled from the default recipe ({@link Recipe#DEFAULT}).
   *
   * @param imageSize image side of the stage-1 run
   * @param stage1Run the stage-1 run folder
   * @param stage1Iter a numbered stage-1 checkpoint whose encode step has been run
   */
  public static Builder defaults(int imageSize, String stage1Run, long stage1Iter) {
    return defaults(Recipe.DEFAULT, imageSize, stage1Run, stage1Iter);
  }

  /**
   * A builder filled from a recipe; {@link Recipe#PAPER} gives the original's stage-2 defaults.
   *
   * @param recipe the recipe
   * @param imageSize image side of the stage-1 run
   * @param stage1Run the stage-1 run folder
   * @param stage1Iter a numbered stage-1 checkpoint whose encode step has been run
   */
  public static Builder defaults(
      Recipe recipe, int imageSize, String stage1Run, long stage1Iter) {
    DefaultSizes sizes = recipe.sizes(imageSize);
    boolean paper = recipe == Recipe.PAPER;
    return new AutoValue_Stage2Config.Builder()
        .recipe(recipe)
        .imageSize(imageSize)
        .stage1Run(stage1Run)
        .stage1Iter(stage1Iter)
        .classifierRun("")
        .classifierIter(0)
        .resetGen(false)
        .resetSty(false)
        .resetDis(false)
        .resetCla(false)
        .batchSize(sizes.batchSize())
        .lr(paper ? 2e-5 : 2e-4)
        .styleLr(0.002)
        .lrRamp(paper ? 100 : 20)
        .disWeight(1)
        .claWeight(1)
        .conWeight(0.1)
        .styWeight(1e-5)
        .claFake(true)
        .disBrWeight(1)
        .claBrWeight(1)
        .genBrWeight(1)
        .transformPenalty(100)
        .forceDis(0.8)
        .forceCla(0.6931)
        .maxDisBatches(paper ? 1000 : 3)
        .styleDropout(0)
        .augment(AugmentConfig.defaults())
        .visRows(2 * sizes.visColumns())
        .visCols(sizes.visColumns())
        .emaBeta(paper ? 0 : 0.999)
        .run(RunOptions.builder().build());
  }

  /** Builder of {@link Stage2Config}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link Stage2Config#recipe()}. */
    public abstract Builder recipe(Recipe v);

    /** Sets {@link Stage2Config#imageSize()}. */
    public abstract Builder imageSize(int v);

    /** Sets {@link Stage2Config#stage1Run()}. */
    public abstract Builder stage1Run(String v);

    /** Sets {@link Stage2Config#stage1Iter()}. */
    public abstract Builder stage1Iter(long v);

    /** Sets {@link Stage2Config#classifierRun()}. */
    public abstract Builder classifierRun(String v);

    /** Sets {@link Stage2Config#classifierIter()}. */
    public abstract Builder classifierIter(long v);

    /** Sets {@link Stage2Config#resetGen()}. */
    public abstract Builder resetGen(boolean v);

    /** Sets {@link Stage2Config#resetSty()}. */
    public abstract Builder resetSty(boolean v);

    /** Sets {@link Stage2Config#resetDis()}. */
    public abstract Builder resetDis(boolean v);

    /** Sets {@link Stage2Config#resetCla()}. */
    public abstract Builder resetCla(boolean v);

    /** Sets {@link Stage2Config#batchSize()}. */
    public abstract Builder batchSize(int v);

    /** Sets {@link Stage2Config#lr()}. */
    public abstract Builder lr(double v);

    /** Sets {@link Stage2Config#styleLr()}. */
    public abstract Builder styleLr(double v);

    /** Sets {@link Stage2Config#lrRamp()}. */
    public abstract Builder lrRamp(int v);

    /** Sets {@link Stage2Config#disWeight()}. */
    public abstract Builder disWeight(double v);

    /** Sets {@link Stage2Config#claWeight()}. */
    public abstract Builder claWeight(double v);

    /** Sets {@link Stage2Config#conWeight()}. */
    public abstract Builder conWeight(double v);

    /** Sets {@link Stage2Config#styWeight()}. */
    public abstract Builder styWeight(double v);

    /** Sets {@link Stage2Config#claFake()}. */
    public abstract Builder claFake(boolean v);

    /** Sets {@link Stage2Config#disBrWeight()}. */
    public abstract Builder disBrWeight(double v);

    /** Sets {@link Stage2Config#claBrWeight()}. */
    public abstract Builder claBrWeight(double v);

    /** Sets {@link Stage2Config#genBrWeight()}. */
    public abstract Builder genBrWeight(double v);

    /** Sets {@link Stage2Config#transformPenalty()}. */
    public abstract Builder transformPenalty(double v);

    /** Sets {@link Stage2Config#forceDis()}. */
    public abstract Builder forceDis(double v);

    /** Sets {@link Stage2Config#forceCla()}. */
    public abstract Builder forceCla(double v);

    /** Sets {@link Stage2Config#maxDisBatches()}. */
    public abstract Builder maxDisBatches(int v);

    /** Sets {@link Stage2Config#styleDropout()}. */
    public abstract Builder styleDropout(double v);

    /** Sets {@link Stage2Config#augment()}. */
    public abstract Builder augment(AugmentConfig v);

    /** Sets {@link Stage2Config#visRows()}. */
    public abstract Builder visRows(int v);

    /** Sets {@link Stage2Config#visCols()}. */
    public abstract Builder visCols(int v);

    /** Sets {@link Stage2Config#emaBeta()}. */
    public abstract Builder emaBeta(double v);

    /** Sets {@link Stage2Config#run()}. */
    public abstract Builder run(RunOptions v);

    abstract Stage2Config autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public Stage2Config build() {
      Stage2Config c = autoBuild();
      ConfigChecks.check(!c.stage1Run().isEmpty(), "stage1Run", "must be given");
      ConfigChecks.check(
          c.stage1Iter() > 0, "stage1Iter", "must be a numbered checkpoint, got %s", c.stage1Iter());
      ConfigChecks.check(
          c.classifierRun().isEmpty() || c.classifierIter() > 0,
          "classifierIter",
          "must be a numbered checkpoint when classifierRun is given");
      ConfigChecks.batch("batchSize", c.batchSize());
      ConfigChecks.nonNegative("lr", c.lr());
      ConfigChecks.nonNegative("styleLr", c.styleLr());
      ConfigChecks.nonNegative("lrRamp", c.lrRamp());
      ConfigChecks.nonNegative("disWeight", c.disWeight());
      ConfigChecks.nonNegative("claWeight", c.claWeight());
      ConfigChecks.nonNegative("conWeight", c.conWeight());
      ConfigChecks.nonNegative("styWeight", c.styWeight());
      ConfigChecks.nonNegative("disBrWeight", c.disBrWeight());
      ConfigChecks.nonNegative("claBrWeight", c.claBrWeight());
      ConfigChecks.nonNegative("genBrWeight", c.genBrWeight());
      ConfigChecks.nonNegative("transformPenalty", c.transformPenalty());
      ConfigChecks.positive("maxDisBatches", c.maxDisBatches());
      ConfigChecks.check(
          c.styleDropout() >= 0 && c.styleDropout() <= 1,
          "styleDropout",
          "must be in [0, 1] (0 = default 1 - 2/Cs, 1 disables), got %s",
          c.styleDropout());
      ConfigChecks.positive("visRows", c.visRows());
      ConfigChecks.positive("visCols", c.visCols());
      ConfigChecks.check(
          c.emaBeta() >= 0 && c.emaBeta() < 1,
          "emaBeta",
          "must be in [0, 1) (0 = no weight average), got %s",
          c.emaBeta());
      return c;
    }
  }
}
