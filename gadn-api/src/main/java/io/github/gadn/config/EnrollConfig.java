package io.github.gadn.config;

import com.google.auto.value.AutoValue;

/**
 * Options of enrolling a new style from a few images (docs/method.md §3.12a): how long and how
 * fast the new entry's mean and log-std are fitted, and the seed of the style noise. The loss
 * weights and per-pixel weighting are not options: they are the run's own.
 */
@AutoValue
public abstract class EnrollConfig {

  /** The fewest images an entry can be fitted from. */
  public static final int MIN_IMAGES = 1;

  /** The most images an entry can be fitted from. */
  public static final int MAX_IMAGES = 50;

  /** Adam iterations, each one {@code Session.run} over all the images (default 300). */
  public abstract int iterations();

  /** Adam learning rate of the entry's mean and log-std (default 0.01). */
  public abstract double learningRate();

  /** Seed of the stratified style noise (default 0); the same seed and images fit the same entry. */
  public abstract long seed();

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new AutoValue_EnrollConfig.Builder().iterations(300).learningRate(0.01).seed(0);
  }

  /** The defaults: 300 iterations at learning rate 0.01, seed 0. */
  public static EnrollConfig defaults() {
    return builder().build();
  }

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /** Builder of {@link EnrollConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link EnrollConfig#iterations()}. */
    public abstract Builder iterations(int iterations);

    /** Sets {@link EnrollConfig#learningRate()}. */
    public abstract Builder learningRate(double learningRate);

    /** Sets {@link EnrollConfig#seed()}. */
    public abstract Builder seed(long seed);

    abstract EnrollConfig autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public EnrollConfig build() {
      EnrollConfig c = autoBuild();
      ConfigChecks.positive("iterations", c.iterations());
      ConfigChecks.check(
          c.learningRate() > 0 && Double.isFinite(c.learningRate()),
          "learningRate",
          "must be a positive number, got %s",
          c.learningRate());
      return c;
    }
  }
}
