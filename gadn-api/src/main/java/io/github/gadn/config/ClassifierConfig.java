package io.github.gadn.config;

import com.google.auto.value.AutoValue;
import io.github.gadn.config.NetworkStructure.Kind;

/**
 * Options of classifier pre-training on real images (docs/method.md §6): the classifier later
 * initialises stage 2's {@code C2} and the body of {@code D}.
 */
@AutoValue
public abstract class ClassifierConfig {

  /** The recipe the defaults came from (recorded in {@code options.json}). */
  public abstract Recipe recipe();

  /** Image side {@code R}. */
  public abstract int imageSize();

  /** Number of classes {@code K}. */
  public abstract int classCount();

  /** Classifier structure (BR on). */
  public abstract NetworkStructure classifier();

  /** Batch size (paper: twice the size table's stage-1 batch; cpu: the recipe's batch). */
  public abstract int batchSize();

  /** Adam learning rate (paper 1e-4, cpu 1e-3). */
  public abstract double lr();

  /** Learning-rate ramp length in iterations (paper 100, cpu 20). */
  public abstract int lrRamp();

  /** Batch-regularisation weight (default 1). */
  public abstract double claBrWeight();

  /** Augmentation of the input. */
  public abstract AugmentConfig augment();

  /** Run length, periodic actions, seed, resources. */
  public abstract RunOptions run();

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /**
   * A builder filled from the default recipe ({@link Recipe#DEFAULT}).
   *
   * @param imageSize image side, even, 12–640
   * @param classCount number of classes, at least 2
   */
  public static Builder defaults(int imageSize, int classCount) {
    return defaults(Recipe.DEFAULT, imageSize, classCount);
  }

  /**
   * A builder filled from a recipe; {@link Recipe#PAPER} gives the original's defaults exactly.
   *
   * @param recipe the recipe
   * @param imageSize image side, even, 12–640
   * @param classCount number of classes, at least 2
   */
  public static Builder defaults(Recipe recipe, int imageSize, int classCount) {
    com.google.common.base.Preconditions.checkArgument(
        classCount >= 2, "class count must be at least 2, got %s", classCount);
    DefaultSizes sizes = recipe.sizes(imageSize);
    boolean paper = recipe == Recipe.PAPER;
    return new AutoValue_ClassifierConfig.Builder()
        .recipe(recipe)
        .imageSize(imageSize)
        .classCount(classCount)
        .classifier(NetworkStructure.defaults(Kind.ENCODER, sizes.features()))
        .batchSize(sizes.largeBatchSize())
        .lr(paper ? 1e-4 : 1e-3)
        .lrRamp(paper ? 100 : 20)
        .claBrWeight(1)
        .augment(AugmentConfig.defaults())
        .run(RunOptions.builder().build());
  }

  /** Builder of {@link ClassifierConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link ClassifierConfig#recipe()}. */
    public abstract Builder recipe(Recipe v);

    /** Sets {@link ClassifierConfig#imageSize()}. */
    public abstract Builder imageSize(int v);

    /** Sets {@link ClassifierConfig#classCount()}. */
    public abstract Builder classCount(int v);

    /** Sets {@link ClassifierConfig#classifier()}. */
    public abstract Builder classifier(NetworkStructure v);

    /** Sets {@link ClassifierConfig#batchSize()}. */
    public abstract Builder batchSize(int v);

    /** Sets {@link ClassifierConfig#lr()}. */
    public abstract Builder lr(double v);

    /** Sets {@link ClassifierConfig#lrRamp()}. */
    public abstract Builder lrRamp(int v);

    /** Sets {@link ClassifierConfig#claBrWeight()}. */
    public abstract Builder claBrWeight(double v);

    /** Sets {@link ClassifierConfig#augment()}. */
    public abstract Builder augment(AugmentConfig v);

    /** Sets {@link ClassifierConfig#run()}. */
    public abstract Builder run(RunOptions v);

    abstract ClassifierConfig autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public ClassifierConfig build() {
      ClassifierConfig c = autoBuild();
      ConfigChecks.imageAndClasses(c.imageSize(), c.classCount());
      ConfigChecks.batch("batchSize", c.batchSize());
      ConfigChecks.nonNegative("lr", c.lr());
      ConfigChecks.nonNegative("lrRamp", c.lrRamp());
      ConfigChecks.nonNegative("claBrWeight", c.claBrWeight());
      ConfigChecks.fits("classifier", c.classifier(), c.imageSize());
      return c;
    }
  }
}
