package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * A batch of code vectors (content or style codes), row-major: value {@code i} of code {@code n}
 * is at {@code n * dimension + i}. Immutable.
 */
public final class CodeBatch {
  private final int count;
  private final int dimension;
  private final float[] data;

  private CodeBatch(int count, int dimension, float[] data) {
    this.count = count;
    this.dimension = dimension;
    this.data = data;
  }

  /**
   * Creates a batch from a copy of {@code values}.
   *
   * @param count number of codes
   * @param dimension code length
   * @param values {@code count * dimension} values
   * @return the batch
   */
  public static CodeBatch of(int count, int dimension, float[] values) {
    checkArgument(count >= 0, "count must be >= 0, got %s", count);
    checkArgument(dimension > 0, "dimension must be positive, got %s", dimension);
    checkNotNull(values, "values");
    checkArgument(
        values.length == (long) count * dimension,
        "values must hold count*dimension = %s values, got %s",
        (long) count * dimension,
        values.length);
    return new CodeBatch(count, dimension, values.clone());
  }

  /**
   * The same code repeated.
   *
   * @param code the code, of any positive length
   * @param count number of copies, at least 0
   * @return {@code count} codes, each a copy of {@code code}
   */
  public static CodeBatch repeat(float[] code, int count) {
    checkArgument(count >= 0, "count must be >= 0, got %s", count);
    float[] values = new float[count * code.length];
    for (int n = 0; n < count; n++) {
      System.arraycopy(code, 0, values, n * code.length, code.length);
    }
    return new CodeBatch(count, code.length, values);
  }

  /**
   * All-zero codes (for styles: the population-average style, docs/method.md §3.12).
   *
   * @param count number of codes
   * @param dimension code length
   * @return the codes
   */
  public static CodeBatch zeros(int count, int dimension) {
    return of(count, dimension, new float[count * dimension]);
  }

  /** Number of codes. */
  public int count() {
    return count;
  }

  /** Code length. */
  public int dimension() {
    return dimension;
  }

  /**
   * One value.
   *
   * @param n code index
   * @param i dimension
   * @return value {@code i} of code {@code n}
   */
  public float get(int n, int i) {
    checkElementIndex(n, count, "code");
    checkElementIndex(i, dimension, "dimension");
    return data[n * dimension + i];
  }

  /**
   * One code.
   *
   * @param n code index
   * @return a copy of its {@code dimension} values
   */
  public float[] code(int n) {
    checkElementIndex(n, count, "code");
    return Arrays.copyOfRange(data, n * dimension, (n + 1) * dimension);
  }

  /** A copy of all values. */
  public float[] toArray() {
    return data.clone();
  }
}
