package io.github.gadn.config;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.auto.value.AutoValue;
import io.github.gadn.config.NetworkStructure.Kind;

/**
 * Options of stage 1, the style-independent content encoder.
 *
 * <p>Start from {@link #defaults(int, int)}, which fills every field from the default {@link
 * Recipe} for the image size and class count (or {@link #defaults(Recipe, int, int)} for another
 * recipe, such as the paper's), and override what you need:
 *
 * <pre>{@code
 * Stage1Config config = Stage1Config.defaults(32, 10)
 *     .claWeight(0.5)
 *     .run(RunOptions.builder().niter(5000).seed(1).build())
 *     .build();
 * }</pre>
 */
@AutoValue
public abstract class Stage1Config {

  /** {@link #inkWeights()} value that derives the background weight from the data. */
  public static final double INK_WEIGHTS_AUTO = -1;

  /** The recipe the defaults came from (recorded in {@code options.json}). */
  public abstract Recipe recipe();

  /** Image side {@code R} (even). */
  public abstract int imageSize();

  /** Number of style classes {@code K}. */
  public abstract int classCount();

  /** Content-code length {@code Cc} (default from the recipe's size row). */
  public abstract int contentSize();

  /** Style-code length {@code Cs} (default from the style-size rule). */
  public abstract int styleSize();

  /** Encoder {@code E} structure. */
  public abstract NetworkStructure encoder();

  /** Generator {@code G} structure. */
  public abstract NetworkStructure generator();

  /** Adversarial classifier {@code C1} structure (CNN variant). */
  public abstract NetworkStructure classifier();

  /** Use the MLP classifier on content codes instead of the CNN on images (docs/method.md §4.5). */
  public abstract boolean mlp();

  /** Width of the MLP classifier's hidden layers (default: the FC width). */
  public abstract int mlpFeatures();

  /** Number of hidden layers of the MLP classifier (default 10). */
  public abstract int mlpLayers();

  /** Mini-batch size {@code N} (default from the recipe's size row). */
  public abstract int batchSize();

  /** Learning rate of {@code E}, {@code G}, {@code C1} (paper 5e-5, cpu 1e-3). */
  public abstract double lr();

  /** Learning rate of the style table {@code S} (paper 0.005, cpu 0.01). */
  public abstract double styleLr();

  /** Learning rates ramp up linearly over this many iterations (paper 100, cpu 50; 0 = none). */
  public abstract int lrRamp();

  /** Reconstruction weight {@code λ_rec} (default 1). */
  public abstract double recWeight();

  /** Adversarial classifier weight {@code λ_cla} (paper 0.2, cpu 1; 0 gives the VAE baseline). */
  public abstract double claWeight();

  /** Content KL weight {@code λ_con} ({@link Recipe#PAPER} 1e-5, {@link Recipe#CPU} 1e-3). */
  public abstract double conWeight();

  /** Style KL weight {@code λ_sty} (default 1e-5). */
  public abstract double styWeight();

  /** Content-matching loss weight {@code λ_match} (default 0 = off). */
  public abstract double matchWeight();

  /** Batch-regularisation weight of {@code C1} (default 0 in stage 1). */
  public abstract double claBrWeight();

  /** Fold-penalty weight of the generator's spatial transforms {@code λ_tp} (default 100). */
  public abstract double transformPenalty();

  /** Nested-dropout base of the content code, {@code 1 − 2/Cc} by default; 1 disables it. */
  public abstract double contentDropout();

  /** Nested-dropout base of the style code, {@code 1 − 2/Cs} by default; 1 disables it. */
  public abstract double styleDropout();

  /**
   * Weight maps that emphasise ink over background, for data sets without weight maps of their
   * own: 0 = none (every pixel weighs the same); a value in (0, 1] = the weight of pure
   * background relative to ink; {@link #INK_WEIGHTS_AUTO} = derived from the data when training
   * starts, so that ink and background carry equal total weight when the background dominates,
   * and none otherwise (the run records the value it derived). Default: none in {@link
   * Recipe#PAPER}, auto in {@link Recipe#CPU}.
   */
  public abstract double inkWeights();

  /**
   * Augmentation warp of {@code C1}'s input. Default: the paper's warp in {@link Recipe#PAPER},
   * off in {@link Recipe#CPU}.
   */
  public abstract AugmentConfig augment();

  /** Rows of the visualisation grid (default twice the columns). */
  public abstract int visRows();

  /** Columns (image triples) of the visualisation grid (default from the size table). */
  public abstract int visCols();

  /** Run length, periodic actions, seed and resources. */
  public abstract RunOptions run();

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /**
   * A builder filled from the default recipe ({@link Recipe#DEFAULT}) for an image size and class
   * count.
   *
   * @param imageSize image side, even, 12–640
   * @param classCount number of style classes, at least 2
   * @return the builder
   */
  public static Builder defaults(int imageSize, int classCount) {
    return defaults(Recipe.DEFAULT, imageSize, classCount);
  }

  /**
   * A builder filled from a recipe for an image size and class count; {@link Recipe#PAPER} gives
   * the original implementation's defaults exactly.
   *
   * @param recipe the recipe
   * @param imageSize image side, even, 12–640
   * @param classCount number of style classes, at least 2
   * @return the builder
   */
  public static Builder defaults(Recipe recipe, int imageSize, int classCount) {
    checkArgument(classCount >= 2, "class count must be at least 2, got %s", classCount);
    DefaultSizes sizes = recipe.sizes(imageSize);
    int styleSize = DefaultSizes.styleSize(classCount);
    boolean paper = recipe == Recipe.PAPER;
    return new AutoValue_Stage1Config.Builder()
        .recipe(recipe)
        .imageSize(imageSize)
        .classCount(classCount)
        .contentSize(sizes.contentSize())
        .styleSize(styleSize)
        .encoder(NetworkStructure.defaults(Kind.ENCODER, sizes.features()))
        .generator(NetworkStructure.defaults(Kind.GENERATOR, sizes.features()))
        .classifier(NetworkStructure.defaults(Kind.ENCODER, sizes.features()))
        .mlp(false)
        .mlpFeatures(sizes.features().get(sizes.features().size() - 1))
        .mlpLayers(10)
        .batchSize(sizes.batchSize())
        .lr(paper ? 5e-5 : 1e-3)
        .styleLr(paper ? 0.005 : 0.01)
        .lrRamp(paper ? 100 : 50)
        .recWeight(1)
        .claWeight(paper ? 0.2 : CPU_CLA_WEIGHT)
        .conWeight(paper ? 1e-5 : CPU_CON_WEIGHT)
        .styWeight(1e-5)
        .matchWeight(0)
        .claBrWeight(0)
        .transformPenalty(100)
        .contentDropout(DefaultSizes.dropoutBase(sizes.contentSize()))
        .styleDropout(DefaultSizes.dropoutBase(styleSize))
        .inkWeights(paper ? 0 : INK_WEIGHTS_AUTO)
        .augment(paper ? AugmentConfig.defaults() : CPU_AUGMENT)
        .visRows(2 * sizes.visColumns())
        .visCols(sizes.visColumns())
        .run(RunOptions.builder().build());
  }

  /** {@link #claWeight()} of {@link Recipe#CPU}. */
  private static final double CPU_CLA_WEIGHT = 1;

  /**
   * {@link #conWeight()} of {@link Recipe#CPU}: at the paper's 1e-5 the content code is barely
   * regularised in a few thousand iterations; 1e-3 makes it more compact (the most important
   * factor in its first dimensions) and lowers the reconstruction error (docs/training.md).
   */
  private static final double CPU_CON_WEIGHT = 1e-3;

  /**
   * {@link #augment()} of {@link Recipe#CPU}: no warp on {@code C1}'s input. The warp keeps a
   * classifier from leaning on pixel detail over hundreds of thousands of iterations; in a few
   * thousand it hides so much of the other-style drawing from {@code C1} that the adversary leaves
   * much of the label in the content code (docs/training.md, "The warp on C1's input": on the
   * synthetic digits, top-1 by the training label at k = 2 from 0.196 to 0.146 over three seeds,
   * at a few hundredths of reconstruction error). Stage 2, the classifier and the GAN keep it.
   */
  private static final AugmentConfig CPU_AUGMENT = AugmentConfig.builder().enabled(false).build();

  /** Builder of {@link Stage1Config}; every setter documents its field on the getter. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link Stage1Config#recipe()}. */
    public abstract Builder recipe(Recipe v);

    /** Sets {@link Stage1Config#imageSize()}. */
    public abstract Builder imageSize(int v);

    /** Sets {@link Stage1Config#classCount()}. */
    public abstract Builder classCount(int v);

    /** Sets {@link Stage1Config#contentSize()}. */
    public abstract Builder contentSize(int v);

    /** Sets {@link Stage1Config#styleSize()}. */
    public abstract Builder styleSize(int v);

    /** Sets {@link Stage1Config#encoder()}. */
    public abstract Builder encoder(NetworkStructure v);

    /** Sets {@link Stage1Config#generator()}. */
    public abstract Builder generator(NetworkStructure v);

    /** Sets {@link Stage1Config#classifier()}. */
    public abstract Builder classifier(NetworkStructure v);

    /** Sets {@link Stage1Config#mlp()}. */
    public abstract Builder mlp(boolean v);

    /** Sets {@link Stage1Config#mlpFeatures()}. */
    public abstract Builder mlpFeatures(int v);

    /** Sets {@link Stage1Config#mlpLayers()}. */
    public abstract Builder mlpLayers(int v);

    /** Sets {@link Stage1Config#batchSize()}. */
    public abstract Builder batchSize(int v);

    /** Sets {@link Stage1Config#lr()}. */
    public abstract Builder lr(double v);

    /** Sets {@link Stage1Config#styleLr()}. */
    public abstract Builder styleLr(double v);

    /** Sets {@link Stage1Config#lrRamp()}. */
    public abstract Builder lrRamp(int v);

    /** Sets {@link Stage1Config#recWeight()}. */
    public abstract Builder recWeight(double v);

    /** Sets {@link Stage1Config#claWeight()}. */
    public abstract Builder claWeight(double v);

    /** Sets {@link Stage1Config#conWeight()}. */
    public abstract Builder conWeight(double v);

    /** Sets {@link Stage1Config#styWeight()}. */
    public abstract Builder styWeight(double v);

    /** Sets {@link Stage1Config#matchWeight()}. */
    public abstract Builder matchWeight(double v);

    /** Sets {@link Stage1Config#claBrWeight()}. */
    public abstract Builder claBrWeight(double v);

    /** Sets {@link Stage1Config#transformPenalty()}. */
    public abstract Builder transformPenalty(double v);

    /** Sets {@link Stage1Config#contentDropout()}. */
    public abstract Builder contentDropout(double v);

    /** Sets {@link Stage1Config#styleDropout()}. */
    public abstract Builder styleDropout(double v);

    /** Sets {@link Stage1Config#inkWeights()}. */
    public abstract Builder inkWeights(double v);

    /** Sets {@link Stage1Config#augment()}. */
    public abstract Builder augment(AugmentConfig v);

    /** Sets {@link Stage1Config#visRows()}. */
    public abstract Builder visRows(int v);

    /** Sets {@link Stage1Config#visCols()}. */
    public abstract Builder visCols(int v);

    /** Sets {@link Stage1Config#run()}. */
    public abstract Builder run(RunOptions v);

    abstract Stage1Config autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public Stage1Config build() {
      Stage1Config c = autoBuild();
      ConfigChecks.imageAndClasses(c.imageSize(), c.classCount());
      ConfigChecks.positive("contentSize", c.contentSize());
      ConfigChecks.positive("styleSize", c.styleSize());
      ConfigChecks.batch("batchSize", c.batchSize());
      ConfigChecks.nonNegative("lr", c.lr());
      ConfigChecks.nonNegative("styleLr", c.styleLr());
      ConfigChecks.nonNegative("lrRamp", c.lrRamp());
      ConfigChecks.nonNegative("recWeight", c.recWeight());
      ConfigChecks.nonNegative("claWeight", c.claWeight());
      ConfigChecks.nonNegative("conWeight", c.conWeight());
      ConfigChecks.nonNegative("styWeight", c.styWeight());
      ConfigChecks.nonNegative("matchWeight", c.matchWeight());
      ConfigChecks.nonNegative("claBrWeight", c.claBrWeight());
      ConfigChecks.nonNegative("transformPenalty", c.transformPenalty());
      ConfigChecks.dropout("contentDropout", c.contentDropout());
      ConfigChecks.dropout("styleDropout", c.styleDropout());
      ConfigChecks.check(
          c.inkWeights() == INK_WEIGHTS_AUTO || (c.inkWeights() >= 0 && c.inkWeights() <= 1),
          "inkWeights",
          "must be 0 (none), a background weight in (0, 1] or %s (auto), got %s",
          INK_WEIGHTS_AUTO,
          c.inkWeights());
      ConfigChecks.positive("mlpFeatures", c.mlpFeatures());
      ConfigChecks.positive("mlpLayers", c.mlpLayers());
      ConfigChecks.positive("visRows", c.visRows());
      ConfigChecks.positive("visCols", c.visCols());
      ConfigChecks.fits("encoder", c.encoder(), c.imageSize());
      ConfigChecks.fits("generator", c.generator(), c.imageSize());
      ConfigChecks.fits("classifier", c.classifier(), c.imageSize());
      ConfigChecks.check(
          !(c.mlp() && c.matchWeight() > 0),
          "matchWeight",
          "> 0 cannot be combined with mlp = true (the match loss needs the"
              + " shifted-style generation, which the MLP variant does not make)");
      return c;
    }
  }
}
