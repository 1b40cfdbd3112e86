package io.github.gadn.tensorflow.optim;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * RMSprop with PyTorch's rule (docs/method.md §11.3): {@code v ← αv + (1−α)g²; p ← p − lr·g/(√v +
 * ε)}, {@code v} starting at 0, no momentum, not centred. (TF's {@code ApplyRMSProp} puts ε inside
 * the square root and TF Java's optimiser starts {@code v} at 1, so neither is used.)
 */
public final class RmsProp<T extends TFloating> implements Optimizer<T> {
  private final Nn<T> nn;
  private final List<Variable<T>> variables = new ArrayList<>();
  private final List<Variable<T>> squares = new ArrayList<>();
  private final double alpha;
  private final double epsilon;

  /**
   * Creates the accumulators.
   *
   * @param nn context scoped to the optimiser
   * @param params parameters to update
   * @param alpha decay (0.99; 0.9 in the GAN baseline)
   * @param epsilon ε added after the square root (1e-4)
   */
  public RmsProp(Nn<T> nn, List<ParamStore.Param> params, double alpha, double epsilon) {
    checkArgument(!params.isEmpty(), "RMSprop %s: no parameters", nn.name(""));
    this.nn = nn;
    this.alpha = alpha;
    this.epsilon = epsilon;
    for (ParamStore.Param p : params) {
      variables.add(ParamStore.<T>typedVariable(p));
      squares.add(nn.slot(p.name() + "/sq", p.shape(), 0));
    }
  }

  @Override
  public Op step(Ops gated, List<Operand<T>> gradients, Operand<T> learningRate) {
    checkArgument(
        gradients.size() == variables.size(),
        "RMSprop %s: %s gradients for %s variables",
        nn.name(""),
        gradients.size(),
        variables.size());
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Operand<T> g = gradients.get(i);
      Variable<T> sq = squares.get(i);
      Operand<T> newSq =
          gated.assign(
              sq,
              gated.math.add(
                  gated.math.mul(sq, nn.constant(alpha)),
                  gated.math.mul(gated.math.square(g), nn.constant(1 - alpha))));
      Operand<T> denom = gated.math.add(gated.math.sqrt(newSq), nn.constant(epsilon));
      updates.add(
          gated.assignSub(
              variables.get(i), gated.math.mul(learningRate, gated.math.div(g, denom))));
    }
    return gated.withControlDependencies(updates).noOp();
  }
}
