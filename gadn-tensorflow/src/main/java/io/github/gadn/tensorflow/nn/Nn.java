package io.github.gadn.tensorflow.nn;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Graph-building context: the {@link Ops} of a graph, the floating type of the network, the
 * {@link ParamStore} and a name scope. Initial values are drawn from a random generator seeded by
 * the run seed and the parameter's full name, so they do not depend on construction order.
 *
 * @param <T> {@link TFloat32} for training, {@link TFloat64} for gradient checks
 */
public final class Nn<T extends TFloating> {
  private final Ops tf;
  private final Class<T> type;
  private final ParamStore store;
  private final long seed;
  private final String scope;
  private final boolean forwardConvs;

  /**
   * Creates a root context.
   *
   * @param tf graph ops
   * @param type floating type of every parameter and activation
   * @param store where parameters go
   * @param seed seed of the initial values
   */
  public Nn(Ops tf, Class<T> type, ParamStore store, long seed) {
    this(tf, type, store, seed, "", true);
  }

  private Nn(
      Ops tf, Class<T> type, ParamStore store, long seed, String scope, boolean forwardConvs) {
    this.tf = tf;
    this.type = type;
    this.store = store;
    this.seed = seed;
    this.scope = scope;
    this.forwardConvs = forwardConvs;
  }

  /** A child context whose parameter names are prefixed with {@code name/}. */
  public Nn<T> sub(String name) {
    return new Nn<>(
        tf, type, store, seed, scope.isEmpty() ? name : scope + "/" + name, forwardConvs);
  }

  /**
   * This context with convolution layers that use only forward convolution kernels ({@link
   * ForwardConv}: their gradients, and the transposed convolutions, as {@code Conv2D}; the
   * default) or TensorFlow's {@code Conv2DBackpropInput}/{@code Conv2DBackpropFilter} kernels.
   */
  public Nn<T> withForwardConvs(boolean on) {
    return new Nn<>(tf, type, store, seed, scope, on);
  }

  /** Whether convolution layers use only forward convolution kernels. */
  public boolean forwardConvs() {
    return forwardConvs;
  }

  /** Graph ops. */
  public Ops tf() {
    return tf;
  }

  /** Floating type. */
  public Class<T> type() {
    return type;
  }

  /** The parameter store. */
  public ParamStore store() {
    return store;
  }

  /** Seed of initial values. */
  public long seed() {
    return seed;
  }

  /** Full name of a leaf in this scope. */
  public String name(String leaf) {
    return scope.isEmpty() ? leaf : scope + "/" + leaf;
  }

  /** A random generator determined by the seed and the full name of {@code leaf}. */
  public SplittableRandom random(String leaf) {
    long h =
        Hashing.murmur3_128((int) seed ^ (int) (seed >>> 32))
            .hashString(name(leaf), StandardCharsets.UTF_8)
            .asLong();
    return new SplittableRandom(h ^ seed);
  }

  /**
   * A trainable parameter whose initial values {@code initial} computes on demand.
   *
   * @return its read value, to compute with
   */
  public Operand<T> param(String leaf, long[] shape, Supplier<double[]> initial) {
    store.add(name(leaf), type, shape, initial, true);
    return store.read(name(leaf));
  }

  /** A non-trainable buffer with the given initial values; returns its read value. */
  public Operand<T> buffer(String leaf, long[] shape, double[] initial) {
    double[] copy = initial.clone();
    store.add(name(leaf), type, shape, () -> copy.clone(), false);
    return store.read(name(leaf));
  }

  /** An optimiser slot whose elements all start at {@code value}; returns the variable. */
  public Variable<T> slot(String leaf, long[] shape, double value) {
    return store.addFilled(name(leaf), type, shape, value, false);
  }

  /** A parameter whose elements all start at {@code value}; returns its read value. */
  public Operand<T> paramFilled(String leaf, long[] shape, double value) {
    store.addFilled(name(leaf), type, shape, value, true);
    return store.read(name(leaf));
  }

  /** A scalar constant of the network's type. */
  @SuppressWarnings("unchecked")
  public Operand<T> constant(double value) {
    if (type == TFloat64.class) {
      return (Operand<T>) tf.constant(value);
    }
    return (Operand<T>) tf.constant((float) value);
  }

  /** A constant tensor of the network's type. */
  @SuppressWarnings("unchecked")
  public Operand<T> constant(long[] shape, double[] values) {
    if (type == TFloat64.class) {
      return (Operand<T>) tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return (Operand<T>) tf.constant(Shape.of(shape), DataBuffers.of(f, true, false));
  }

  /** An int32 vector constant (shapes, axes, permutations). */
  public Operand<TInt32> ints(int... values) {
    return tf.constant(values);
  }

  /** Casts any numeric operand to the network's type. */
  public Operand<T> cast(Operand<?> x) {
    return tf.dtypes.cast(x, type);
  }

  // ----- small arithmetic helpers that keep layer code readable

  /** {@code a + b}. */
  public Operand<T> add(Operand<T> a, Operand<T> b) {
    return tf.math.add(a, b);
  }

  /** {@code a − b}. */
  public Operand<T> sub(Operand<T> a, Operand<T> b) {
    return tf.math.sub(a, b);
  }

  /** {@code a ⊙ b}. */
  public Operand<T> mul(Operand<T> a, Operand<T> b) {
    return tf.math.mul(a, b);
  }

  /** {@code a · c} for a scalar constant. */
  public Operand<T> mul(Operand<T> a, double c) {
    return tf.math.mul(a, constant(c));
  }

  /** {@code a / b}. */
  public Operand<T> div(Operand<T> a, Operand<T> b) {
    return tf.math.div(a, b);
  }

  /** {@code a + c} for a scalar constant. */
  public Operand<T> add(Operand<T> a, double c) {
    return tf.math.add(a, constant(c));
  }

  /** Mean over all elements (a scalar). */
  public Operand<T> meanAll(Operand<T> x) {
    return tf.math.mean(tf.reshape(x, ints(-1)), ints(0));
  }

  /** Sum over all elements (a scalar). */
  public Operand<T> sumAll(Operand<T> x) {
    return tf.reduceSum(tf.reshape(x, ints(-1)), ints(0));
  }

  /** Mean over the given axes. */
  public Operand<T> mean(Operand<T> x, int... axes) {
    return tf.math.mean(x, ints(axes));
  }

  /** Sum over the given axes. */
  public Operand<T> sum(Operand<T> x, int... axes) {
    return tf.reduceSum(x, ints(axes));
  }

  /** Reshape. */
  public Operand<T> reshape(Operand<T> x, int... shape) {
    return tf.reshape(x, ints(shape));
  }
}
