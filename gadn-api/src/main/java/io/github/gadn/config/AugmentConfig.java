package io.github.gadn.config;

import com.google.auto.value.AutoValue;

/**
 * The random similarity warp applied to classifier and discriminator inputs (docs/method.md §2.6).
 */
@AutoValue
public abstract class AugmentConfig {

  /** Whether augmentation is on (default true); off means the identity. */
  public abstract boolean enabled();

  /** Maximum rotation in degrees, triangular distribution (default 15). */
  public abstract double maxAngle();

  /** Maximum zoom-in factor, log-uniform in {@code [1, maxScale]} (default 1.25). */
  public abstract double maxScale();

  /** Minimum distance of the crop centre from the border in crop widths (default 0.4). */
  public abstract double minMargin();

  /** A builder pre-filled with the original implementation's defaults (docs/method.md §2.6). */
  public static Builder builder() {
    return new AutoValue_AugmentConfig.Builder()
        .enabled(true)
        .maxAngle(15)
        .maxScale(1.25)
        .minMargin(0.4);
  }

  /** The original implementation's defaults (docs/method.md §2.6). */
  public static AugmentConfig defaults() {
    return builder().build();
  }

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /** Builder of {@link AugmentConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link AugmentConfig#enabled()}. */
    public abstract Builder enabled(boolean enabled);

    /** Sets {@link AugmentConfig#maxAngle()}. */
    public abstract Builder maxAngle(double degrees);

    /** Sets {@link AugmentConfig#maxScale()}. */
    public abstract Builder maxScale(double scale);

    /** Sets {@link AugmentConfig#minMargin()}. */
    public abstract Builder minMargin(double margin);

    abstract AugmentConfig autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public AugmentConfig build() {
      AugmentConfig c = autoBuild();
      ConfigChecks.check(
          c.maxAngle() >= 0 && c.maxAngle() <= 180,
          "maxAngle",
          "must be in [0, 180] degrees, got %s",
          c.maxAngle());
      ConfigChecks.check(c.maxScale() >= 1, "maxScale", "must be >= 1, got %s", c.maxScale());
      ConfigChecks.check(
          c.minMargin() >= 0 && c.minMargin() <= 0.5,
          "minMargin",
          "must be in [0, 0.5], got %s",
          c.minMargin());
      return c;
    }
  }
}
