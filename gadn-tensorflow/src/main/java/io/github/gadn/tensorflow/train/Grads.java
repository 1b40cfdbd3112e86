package io.github.gadn.tensorflow.train;

import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Gradients of a loss w.r.t. parameter groups, typed for the optimisers. */
final class Grads {
  private Grads() {}

  /** The read values of the parameters, as gradient sources. */
  static List<Operand<?>> reads(List<ParamStore.Param> params) {
    List<Operand<?>> out = new ArrayList<>();
    params.forEach(p -> out.add(p.read()));
    return out;
  }

  /** Typed gradient outputs; fails naming the situation if one is missing. */
  static List<Operand<TFloat32>> typed(List<Output<?>> outputs) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Output<?> o : outputs) {
      out.add(typed(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Operand<TFloat32> typed(Output<?> o) {
    if (o == null) {
      throw new IllegalStateException("a parameter received no gradient");
    }
    return (Operand<TFloat32>) o;
  }

  /** ∂loss/∂θ for every parameter. */
  static List<Operand<TFloat32>> of(Ops tf, Operand<TFloat32> loss, List<ParamStore.Param> params) {
    return typed(tf.gradients(loss, reads(params)).dy());
  }
}
