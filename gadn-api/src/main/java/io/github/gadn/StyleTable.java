package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The style table {@code S} (docs/method.md §3.12): one Gaussian style code per class, normalised
 * so that the class-frequency-weighted mixture has zero mean and unit variance; the all-zero code
 * is the population-average ("neutral") style. Besides the trained classes it lists the entries
 * enrolled later from a few images ({@link #enrolledNames()}, docs/method.md §3.12a), which {@link
 * #mean(String)} resolves by name; class indices cover the trained classes only.
 */
public interface StyleTable {

  /** Class names in class-index order. */
  List<String> classNames();

  /** Style-code length {@code Cs}. */
  int styleSize();

  /**
   * The Gaussians of the given classes.
   *
   * @param labels class indices
   * @return one mean and std per label
   * @throws IndexOutOfBoundsException if a label is not a class index
   */
  GaussianCodes styles(int... labels);

  /**
   * The style mean of a class: the code that draws in its style.
   *
   * @param label class index
   * @return a copy of the mean, {@link #styleSize()} values
   * @throws IndexOutOfBoundsException if {@code label} is not a class index
   */
  default float[] mean(int label) {
    return styles(label).mean().code(0);
  }

  /**
   * The style mean of the class or enrolled entry with this name (a class wins).
   *
   * @param className one of {@link #names()}
   * @return a copy of the mean, {@link #styleSize()} values
   * @throws IllegalArgumentException naming the unknown class
   */
  default float[] mean(String className) {
    int index = classNames().indexOf(className);
    if (index < 0) {
      Optional<EnrolledStyle> entry = enrolled(className);
      if (entry.isPresent()) {
        return entry.get().mean();
      }
    }
    checkArgument(
        index >= 0, "no style class or enrolled style named \"%s\" (have %s classes and %s"
            + " enrolled)", className, classNames().size(), enrolledNames().size());
    return mean(index);
  }

  /**
   * The names of the enrolled entries, sorted; none of them is a class name.
   *
   * @return the names, empty if nothing was enrolled
   */
  default List<String> enrolledNames() {
    return List.of();
  }

  /**
   * An enrolled entry by name.
   *
   * @param name one of {@link #enrolledNames()}
   * @return the entry, or empty if no entry has that name
   */
  default Optional<EnrolledStyle> enrolled(String name) {
    return Optional.empty();
  }

  /**
   * Every style name {@link #mean(String)} resolves: the class names in class-index order, then
   * the enrolled names.
   *
   * @return the names
   */
  default List<String> names() {
    List<String> all = new ArrayList<>(classNames());
    all.addAll(enrolledNames());
    return List.copyOf(all);
  }

  /** The population-average style: all zeros. */
  default float[] zeroStyle() {
    return new float[styleSize()];
  }

  /**
   * Linear interpolation between the style means of two classes.
   *
   * @param from first class index
   * @param to second class index
   * @param t 0 gives {@code from}, 1 gives {@code to}
   * @return the interpolated style code
   */
  default float[] interpolate(int from, int to, double t) {
    float[] a = mean(from);
    float[] b = mean(to);
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) ((1 - t) * a[i] + t * b[i]);
    }
    return out;
  }
}
