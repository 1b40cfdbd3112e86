package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.config.EnrollConfig;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A style entry fitted from a few images of a new artist with the encoder and generator frozen
 * (docs/method.md §3.12a): a Gaussian over style codes, in the same normalised space as the
 * trained rows of the style table, so its {@link #mean()} draws in the new style like {@link
 * StyleTable#mean(int)} draws in a trained one.
 *
 * @param name the entry's name (see {@link #checkName})
 * @param mean the Gaussian's mean, {@code Cs} values
 * @param std the Gaussian's standard deviation, {@code Cs} positive values
 * @param imageCount how many images it was fitted from
 * @param config the fitting options
 * @param zeroStyleLoss the weighted reconstruction loss of those images drawn with the zero
 *     (population-average) style code, before fitting
 * @param loss the same loss drawn with {@link #mean()}, after fitting
 */
public record EnrolledStyle(
    String name,
    float[] mean,
    float[] std,
    int imageCount,
    EnrollConfig config,
    double zeroStyleLoss,
    double loss) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Validates and copies the arrays.
   *
   * @throws IllegalArgumentException if the name is not valid or the arrays differ in length
   */
  public EnrolledStyle {
    checkName(name);
    checkArgument(
        mean.length == std.length && mean.length > 0,
        "mean and std must have the same positive length, got %s and %s", mean.length, std.length);
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Checks that {@code name} can name an entry: 1 to 64 letters, digits, {@code .}, {@code _} or
   * {@code -}, starting with a letter or digit (it becomes a file name), and not {@code all} or
   * {@code neutral}, which the command line reserves.
   *
   * @param name the proposed name
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static void checkName(String name) {
    checkArgument(name != null && NAME.matcher(name).matches(),
        "style name \"%s\" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter"
            + " or digit", name);
    checkArgument(!name.equals("all") && !name.equals("neutral"),
        "style name \"%s\" is reserved", name);
  }

  /** A copy of the mean. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the standard deviation. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /** Style-code length {@code Cs}. */
  public int styleSize() {
    return mean.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnrolledStyle e
        && name.equals(e.name)
        && Arrays.equals(mean, e.mean)
        && Arrays.equals(std, e.std)
        && imageCount == e.imageCount
        && config.equals(e.config)
        && Double.compare(zeroStyleLoss, e.zeroStyleLoss) == 0
        && Double.compare(loss, e.loss) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "EnrolledStyle[" + name + ", " + imageCount + " images, loss " + zeroStyleLoss + " -> "
        + loss + "]";
  }
}
