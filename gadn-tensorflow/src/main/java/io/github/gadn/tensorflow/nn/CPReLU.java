package io.github.gadn.tensorflow.nn;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Centred PReLU (docs/method.md §3.2): {@code y = (max(0,x) + a·min(0,x) − μ0) / σ0} with a
 * learnable slope {@code a} per channel (or per element) starting at 0.25, and constants {@code μ0,
 * σ0} fixed from that initial slope so that a standard normal input gives zero mean and unit
 * variance.
 */
public final class CPReLU<T extends TFloating> {
  /** Initial slope {@code a0}. */
  public static final double INITIAL_SLOPE = 0.25;

  /** {@code μ0 = (1 − a0)/√(2π)}. */
  public static final double MU0 = (1 - INITIAL_SLOPE) / Math.sqrt(2 * Math.PI);

  /** {@code σ0 = √((1 + a0²)/2 − μ0²)}. */
  public static final double SIGMA0 =
      Math.sqrt((1 + INITIAL_SLOPE * INITIAL_SLOPE) / 2 - MU0 * MU0);

  private final Nn<T> nn;
  private final Operand<T> slope;

  /**
   * Creates the slope parameter {@code a}.
   *
   * @param nn context scoped to this activation
   * @param slopeShape shape of the slopes, broadcast against the input's trailing axes ({@code
   *     {C}} per channel; {@code {H, W, C}} per element)
   */
  public CPReLU(Nn<T> nn, long... slopeShape) {
    this.nn = nn;
    this.slope = nn.paramFilled("a", slopeShape, INITIAL_SLOPE);
  }

  /**
   * Applies the activation as {@code relu(x)·(1−a)/σ0 + x·a/σ0 − μ0/σ0}, the same function as
   * {@code (max(0,x) + a·min(0,x) − μ0)/σ0} with fewer element-wise passes over the map; the
   * per-channel factors are computed on the slopes.
   *
   * <p>When the slopes cover the trailing axes of {@code x} exactly (every use in the networks),
   * the gradient is written by hand ({@link IdentityGradients}): it needs only {@code x}, so the
   * backward pass does not keep {@code relu(x)} of every activation alive from the forward pass
   * to its gradient, as TensorFlow's own gradients of the formula above would (docs/method.md §3.2
   * defines the function; its derivatives are {@code ∂y/∂x = (a + (1−a)·[x>0])/σ0} and {@code ∂y/∂a
   * = min(x,0)/σ0}).
   */
  public Operand<T> apply(Operand<T> x) {
    if (!coversTrailingAxes(x)) {
      return formula(x, slope);
    }
    Ops tf = nn.tf();
    return fused(formula(tf.stopGradient(x), tf.stopGradient(slope)), List.of(x, slope));
  }

  /**
   * {@code gain ⊙ apply(x)}, the residue branch of a residual block (docs/method.md §3.4: {@code
   * ρ_r ⊙ CPReLU(conv(x))}). With a gain of the slopes' shape the product's gradient is written by
   * hand too, so that it needs only {@code x}: TensorFlow's gradient of the product would keep the
   * activation {@code apply(x)} for {@code ∂gain}, which is {@code Σ g·((1−a)·relu(x) + a·x −
   * μ0)/σ0} and so follows from sums of {@code g·x}, {@code g·relu(x)} and {@code g}.
   *
   * @param x the pre-activation
   * @param gain per-channel gain (or any operand broadcast against the activation)
   */
  public Operand<T> applyScaled(Operand<T> x, Operand<T> gain) {
    if (!coversTrailingAxes(x) || !gain.shape().equals(slope.shape())) {
      return nn.mul(gain, apply(x));
    }
    Ops tf = nn.tf();
    Operand<T> y =
        nn.mul(tf.stopGradient(gain), formula(tf.stopGradient(x), tf.stopGradient(slope)));
    return fused(y, List.of(x, slope, gain));
  }

  /** Wraps {@code y}, computed on stopped {@code inputs}, so that {@link #gradient} gives theirs. */
  private Operand<T> fused(Operand<T> y, List<Operand<T>> inputs) {
    int reducedAxes = inputs.get(0).shape().numDimensions() - slope.shape().numDimensions();
    Class<T> type = nn.type();
    boolean gained = inputs.size() == 3;
    List<Operand<?>> values = new java.util.ArrayList<>();
    values.add(y);
    values.addAll(inputs);
    @SuppressWarnings("unchecked")
    Operand<T> out =
        (Operand<T>)
            IdentityGradients.wrap(
                    nn.tf(),
                    values,
                    (g, op, grads) -> gradient(g, op, grads, reducedAxes, gained, type))
                .get(0);
    return out;
  }

  private Operand<T> formula(Operand<T> x, Operand<T> a) {
    Operand<T> linear = nn.mul(a, 1 / SIGMA0);
    Operand<T> rectified = nn.mul(nn.sub(nn.constant(1), a), 1 / SIGMA0);
    Operand<T> y = nn.add(nn.mul(nn.tf().nn.relu(x), rectified), nn.mul(x, linear));
    return nn.add(y, -MU0 / SIGMA0);
  }

  private boolean coversTrailingAxes(Operand<T> x) {
    Shape xs = x.shape();
    Shape as = slope.shape();
    int lead = xs.numDimensions() - as.numDimensions();
    if (xs.isUnknown() || lead < 1) {
      return false;
    }
    for (int i = 0; i < as.numDimensions(); i++) {
      if (xs.size(lead + i) != as.size(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The gradients of {@code x}, {@code a} and (if wrapped) the gain {@code ρ} from {@code g} of
   * {@code ρ·f(x)}, {@code f(x) = relu(x)·r + x·l + c} with {@code r = (1−a)/σ0}, {@code l =
   * a/σ0}, {@code c = −μ0/σ0} ({@code ρ = 1} without a gain). With {@code t = reluGrad(g, x)} (g
   * where x > 0) and sums over the leading axes {@code Sx = Σ g·x}, {@code Sr = Σ t·x} (= Σ
   * g·relu(x)), {@code Sg = Σ g}: {@code ∂x = ρ·(t·r + g·l)}, {@code ∂a = ρ·(Sx − Sr)/σ0}, {@code
   * ∂ρ = r·Sr + l·Sx + c·Sg}. Builds ops only: it runs inside the gradient builder, which holds
   * the graph's lock.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends TFloating> List<Operand<?>> gradient(
      Ops tf,
      GraphOperation op,
      List<Output<?>> grads,
      int reducedAxes,
      boolean gained,
      Class<T> type) {
    Operand g = grads.get(0);
    Operand x = op.input(1);
    Operand a = op.input(2);
    Operand invSigma = tf.dtypes.cast(tf.constant(1 / SIGMA0), type);
    Operand linear = tf.math.mul(a, invSigma);
    Operand rectified = tf.math.sub(invSigma, linear);
    Operand gain = gained ? op.input(3) : null;
    Operand positive = tf.nn.reluGrad(g, x);
    Operand dx =
        gained
            ? tf.math.add(
                tf.math.mul(positive, tf.math.mul(gain, rectified)),
                tf.math.mul(g, tf.math.mul(gain, linear)))
            : tf.math.add(tf.math.mul(positive, rectified), tf.math.mul(g, linear));
    int[] axes = new int[reducedAxes];
    for (int i = 0; i < reducedAxes; i++) {
      axes[i] = i;
    }
    Operand<TInt32> lead = tf.constant(axes);
    Operand sumGx = tf.reduceSum(tf.math.mul(g, x), lead);
    Operand sumRelu = tf.reduceSum(tf.math.mul(positive, x), lead);
    Operand da = tf.math.mul(tf.math.sub(sumGx, sumRelu), invSigma);
    if (!gained) {
      return List.of(g, dx, da);
    }
    Operand sumG = tf.reduceSum(g, lead);
    Operand dGain =
        tf.math.add(
            tf.math.add(tf.math.mul(rectified, sumRelu), tf.math.mul(linear, sumGx)),
            tf.math.mul(sumG, tf.dtypes.cast(tf.constant(-MU0 / SIGMA0), type)));
    return List.of(g, dx, tf.math.mul(gain, da), dGain);
  }
}
