package io.github.gadn.tensorflow.optim;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of trained weights, kept in the training graph (docs/training.md,
 * "Generator EMA"). Every averaged weight {@code w} has a shadow {@code ema/<name of w>} starting
 * at 0; beside them live the update count {@code ema/steps} and the normaliser {@code ema/norm}.
 * After each optimiser step, in the same {@code Session.run}:
 *
 * <pre>
 *   β_t = min(β, (1 + t) / (10 + t))
 *   s ← β_t·s + (1−β_t)·w        n ← β_t·n + (1−β_t)        t ← t + 1
 * </pre>
 *
 * <p>The warm-up {@code β_t} (the schedule of TensorFlow's {@code ExponentialMovingAverage} with
 * {@code num_updates}) makes the average's window grow with the number of updates, about {@code
 * t / 10 + 10} iterations, until it reaches {@code 1 / (1 − β)}: a short run is averaged over its
 * recent iterations, not over all of them, and a long one as with a fixed β. {@code n} is the
 * average of a constant 1, so the average is read bias-corrected as {@code s / n}: after the
 * first update that is {@code w} itself. (Tracking {@code n} keeps the correction right for any
 * schedule, and if β changes when a run is resumed.) Everything is a variable of the store, so
 * checkpoints carry it.
 */
public final class Ema {
  /** Name prefix of the shadows, the count and the normaliser. */
  public static final String PREFIX = "ema/";

  /** The number of updates so far, a float32 scalar. */
  public static final String STEPS = PREFIX + "steps";

  /** The normaliser {@code 1 − Π β_t}, a float32 scalar. */
  public static final String NORM = PREFIX + "norm";

  private Ema() {}

  /**
   * Adds the shadows of {@code params} (and the count and normaliser) to {@code nn}'s store and
   * returns an op that runs {@code step} and then updates the average from the stepped weights.
   *
   * @param nn the root context of the training graph (shadows are named {@code ema/<name>})
   * @param step the optimiser step whose result is averaged
   * @param params the float32 weights to average
   * @param beta the decay, in (0, 1)
   */
  public static Op after(Nn<TFloat32> nn, Op step, List<ParamStore.Param> params, double beta) {
    checkArgument(beta > 0 && beta < 1, "EMA decay must be in (0, 1), got %s", beta);
    checkArgument(!params.isEmpty(), "EMA: no parameters");
    Nn<TFloat32> ema = nn.sub("ema");
    Ops after = nn.tf().withControlDependencies(List.of(step));
    Variable<TFloat32> steps = ema.slot("steps", new long[0], 0);
    Operand<TFloat32> t = after.identity(steps);
    Operand<TFloat32> warmUp =
        after.math.div(after.math.add(t, nn.constant(1)), after.math.add(t, nn.constant(10)));
    Operand<TFloat32> keep = after.math.minimum(nn.constant(beta), warmUp);
    Operand<TFloat32> take = after.math.sub(nn.constant(1), keep);
    List<Op> updates = new ArrayList<>();
    for (ParamStore.Param p : params) {
      Variable<TFloat32> shadow = ema.slot(p.name(), p.shape(), 0);
      // A fresh read under the control dependency: the weight's shared read op has already run
      // for the forward pass, before the step changed it.
      Operand<TFloat32> w = after.identity(ParamStore.<TFloat32>typedVariable(p));
      updates.add(after.assign(shadow, blend(after, shadow, w, keep, take)));
    }
    Variable<TFloat32> norm = ema.slot("norm", new long[0], 0);
    updates.add(after.assign(norm, after.math.add(after.math.mul(norm, keep), take)));
    // The count moves only after every update has read it.
    Op counted = nn.tf().withControlDependencies(updates).assignAdd(steps, nn.constant(1));
    return nn.tf().withControlDependencies(List.of(counted)).noOp();
  }

  private static Operand<TFloat32> blend(
      Ops tf, Operand<TFloat32> shadow, Operand<TFloat32> w, Operand<TFloat32> keep,
      Operand<TFloat32> take) {
    return tf.math.add(tf.math.mul(shadow, keep), tf.math.mul(w, take));
  }

  /**
   * The weights a model computes with when it uses the average: {@code tensors} with each weight
   * that has a shadow replaced by the bias-corrected average {@code s / n}, and the {@code ema/}
   * entries dropped.
   *
   * @param tensors a checkpoint's tensors by name
   * @return the averaged weights, or empty if {@code tensors} hold no average or one that has
   *     not been updated yet
   */
  public static Optional<Map<String, float[]>> averaged(Map<String, float[]> tensors) {
    float[] norm = tensors.get(NORM);
    float[] steps = tensors.get(STEPS);
    if (norm == null || steps == null || steps[0] < 1 || !(norm[0] > 0)) {
      return Optional.empty();
    }
    Map<String, float[]> out = withoutAverage(tensors);
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PREFIX) || name.equals(NORM) || name.equals(STEPS)) {
        continue;
      }
      String weight = name.substring(PREFIX.length());
      float[] raw = out.get(weight);
      float[] shadow = e.getValue();
      checkArgument(
          raw != null && raw.length == shadow.length,
          "the average %s has no weight %s of its size", name, weight);
      float[] corrected = new float[shadow.length];
      for (int i = 0; i < shadow.length; i++) {
        corrected[i] = (float) (shadow[i] / (double) norm[0]);
      }
      out.put(weight, corrected);
    }
    return Optional.of(out);
  }

  /** {@code tensors} without the {@code ema/} entries. */
  public static Map<String, float[]> withoutAverage(Map<String, float[]> tensors) {
    Map<String, float[]> out = new LinkedHashMap<>();
    tensors.forEach((k, v) -> {
      if (!k.startsWith(PREFIX)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
