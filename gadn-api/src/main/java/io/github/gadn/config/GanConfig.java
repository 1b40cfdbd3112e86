package io.github.gadn.config;

import com.google.auto.value.AutoValue;
import io.github.gadn.config.NetworkStructure.Kind;

/**
 * Options of the unconditional LSGAN baseline (docs/method.md §8.1): the same generator and
 * discriminator networks without classes, classifier or encoder.
 */
@AutoValue
public abstract class GanConfig {

  /** The recipe the defaults came from (recorded in {@code options.json}). */
  public abstract Recipe recipe();

  /** Image side. */
  public abstract int imageSize();

  /** Noise (generator input) length (default: the table's content size). */
  public abstract int noiseSize();

  /** Generator structure. */
  public abstract NetworkStructure generator();

  /** Discriminator structure (BR on). */
  public abstract NetworkStructure discriminator();

  /** Batch size (paper: twice the table batch; cpu: the recipe's batch). */
  public abstract int batchSize();

  /** RMSprop learning rate of G and D (paper 2e-5, cpu 2e-4). */
  public abstract double lr();

  /** Learning-rate ramp (paper 100, cpu 20). */
  public abstract int lrRamp();

  /** BR weight of D on real images (default 1). */
  public abstract double disBrWeight();

  /** BR weight of D's statistics of fakes in G's loss (default 1). */
  public abstract double genBrWeight();

  /** Fold-penalty weight (default 100). */
  public abstract double transformPenalty();

  /** Discriminator loop threshold; ≤ 0 disables (default 0.8). */
  public abstract double forceDis();

  /** Upper bound on D batches per iteration (paper 1000 as a safety net, cpu 3). */
  public abstract int maxDisBatches();

  /** Augmentation of D's inputs (independent parameters for real and fake). */
  public abstract AugmentConfig augment();

  /** Side of the square sample grid (default: twice the table's columns). */
  public abstract int visCols();

  /**
   * Decay β of the exponential moving average of G's weights, updated in the training graph
   * after every generator step: {@code ema ← β·ema + (1−β)·w}, read bias-corrected (docs/training.md,
   * "Generator EMA"). 0 keeps no average (paper 0: the original has none; cpu 0.999); otherwise
   * in (0, 1). Checkpoints carry the average ({@code ema/gen/…}); the training grids show the
   * trained weights.
   */
  public abstract double emaBeta();

  /** Run length, periodic actions, seed, resources. */
  public abstract RunOptions run();

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /** A builder filled from the default recipe ({@link Recipe#DEFAULT}) for an image size. */
  public static Builder defaults(int imageSize) {
    return defaults(Recipe.DEFAULT, imageSize);
  }

  /** A builder filled from a recipe; {@link Recipe#PAPER} gives the original's defaults. */
  public static Builder defaults(Recipe recipe, int imageSize) {
    DefaultSizes sizes = recipe.sizes(imageSize);
    boolean paper = recipe == Recipe.PAPER;
    return new AutoValue_GanConfig.Builder()
        .recipe(recipe)
        .imageSize(imageSize)
        .noiseSize(sizes.contentSize())
        .generator(NetworkStructure.defaults(Kind.GENERATOR, sizes.features()))
        .discriminator(NetworkStructure.defaults(Kind.ENCODER, sizes.features()))
        .batchSize(sizes.largeBatchSize())
        .lr(paper ? 2e-5 : 2e-4)
        .lrRamp(paper ? 100 : 20)
        .disBrWeight(1)
        .genBrWeight(1)
        .transformPenalty(100)
        .forceDis(0.8)
        .maxDisBatches(paper ? 1000 : 3)
        .augment(AugmentConfig.defaults())
        .visCols(2 * sizes.visColumns())
        .emaBeta(paper ? 0 : 0.999)
        .run(RunOptions.builder().build());
  }

  /** Builder of {@link GanConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link GanConfig#recipe()}. */
    public abstract Builder recipe(Recipe v);

    /** Sets {@link GanConfig#imageSize()}. */
    public abstract Builder imageSize(int v);

    /** Sets {@link GanConfig#noiseSize()}. */
    public abstract Builder noiseSize(int v);

    /** Sets {@link GanConfig#generator()}. */
    public abstract Builder generator(NetworkStructure v);

    /** Sets {@link GanConfig#discriminator()}. */
    public abstract Builder discriminator(NetworkStructure v);

    /** Sets {@link GanConfig#batchSize()}. */
    public abstract Builder batchSize(int v);

    /** Sets {@link GanConfig#lr()}. */
    public abstract Builder lr(double v);

    /** Sets {@link GanConfig#lrRamp()}. */
    public abstract Builder lrRamp(int v);

    /** Sets {@link GanConfig#disBrWeight()}. */
    public abstract Builder disBrWeight(double v);

    /** Sets {@link GanConfig#genBrWeight()}. */
    public abstract Builder genBrWeight(double v);

    /** Sets {@link GanConfig#transformPenalty()}. */
    public abstract Builder transformPenalty(double v);

    /** Sets {@link GanConfig#forceDis()}. */
    public abstract Builder forceDis(double v);

    /** Sets {@link GanConfig#maxDisBatches()}. */
    public abstract Builder maxDisBatches(int v);

    /** Sets {@link GanConfig#augment()}. */
    public abstract Builder augment(AugmentConfig v);

    /** Sets {@link GanConfig#visCols()}. */
    public abstract Builder visCols(int v);

    /** Sets {@link GanConfig#emaBeta()}. */
    public abstract Builder emaBeta(double v);

    /** Sets {@link GanConfig#run()}. */
    public abstract Builder run(RunOptions v);

    abstract GanConfig autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public GanConfig build() {
      GanConfig c = autoBuild();
      ConfigChecks.imageAndClasses(c.imageSize(), 1);
      ConfigChecks.positive("noiseSize", c.noiseSize());
      ConfigChecks.batch("batchSize", c.batchSize());
      ConfigChecks.nonNegative("lr", c.lr());
      ConfigChecks.nonNegative("lrRamp", c.lrRamp());
      ConfigChecks.nonNegative("disBrWeight", c.disBrWeight());
      ConfigChecks.nonNegative("genBrWeight", c.genBrWeight());
      ConfigChecks.nonNegative("transformPenalty", c.transformPenalty());
      ConfigChecks.positive("maxDisBatches", c.maxDisBatches());
      ConfigChecks.positive("visCols", c.visCols());
      ConfigChecks.fits("generator", c.generator(), c.imageSize());
      ConfigChecks.fits("discriminator", c.discriminator(), c.imageSize());
      ConfigChecks.check(
          c.emaBeta() >= 0 && c.emaBeta() < 1,
          "emaBeta",
          "must be in [0, 1) (0 = no weight average), got %s",
          c.emaBeta());
      return c;
    }
  }
}
