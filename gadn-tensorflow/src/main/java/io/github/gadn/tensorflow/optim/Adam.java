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
 * Adam through TF's {@code ApplyAdam}: {@code p ← p − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε)}, i.e. ε
 * added to the uncorrected √v — exactly PyTorch's Adam before 1.3, which the original ran with
 * (docs/method.md §11.3). Slots {@code m}, {@code v} and the powers {@code β1ᵗ}, {@code β2ᵗ} are
 * non-trainable variables saved with checkpoints.
 */
public final class Adam<T extends TFloating> implements Optimizer<T> {
  private final Nn<T> nn;
  private final List<Variable<T>> variables = new ArrayList<>();
  private final List<Variable<T>> m = new ArrayList<>();
  private final List<Variable<T>> v = new ArrayList<>();
  private final Variable<T> beta1Power;
  private final Variable<T> beta2Power;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /**
   * Creates the slots.
   *
   * @param nn context scoped to the optimiser (slot names are {@code <scope>/<param>/m|v})
   * @param params the parameters to update
   * @param beta1 first-moment decay (0.9)
   * @param beta2 second-moment decay (0.999)
   * @param epsilon ε (1e-4 for E, G, C; 1e-8 for S)
   */
  public Adam(Nn<T> nn, List<ParamStore.Param> params, double beta1, double beta2, double epsilon) {
    checkArgument(!params.isEmpty(), "Adam %s: no parameters", nn.name(""));
    this.nn = nn;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (ParamStore.Param p : params) {
      variables.add(ParamStore.<T>typedVariable(p));
      m.add(nn.slot(p.name() + "/m", p.shape(), 0));
      v.add(nn.slot(p.name() + "/v", p.shape(), 0));
    }
    this.beta1Power = nn.slot("beta1_power", new long[0], beta1);
    this.beta2Power = nn.slot("beta2_power", new long[0], beta2);
  }

  @Override
  public Op step(Ops gated, List<Operand<T>> gradients, Operand<T> learningRate) {
    checkArgument(
        gradients.size() == variables.size(),
        "Adam %s: %s gradients for %s variables",
        nn.name(""),
        gradients.size(),
        variables.size());
    List<Op> applies = new ArrayList<>();
    Operand<T> b1 = nn.constant(beta1);
    Operand<T> b2 = nn.constant(beta2);
    Operand<T> eps = nn.constant(epsilon);
    for (int i = 0; i < variables.size(); i++) {
      applies.add(
          gated.train.applyAdam(
              variables.get(i),
              m.get(i),
              v.get(i),
              beta1Power,
              beta2Power,
              learningRate,
              b1,
              b2,
              eps,
              gradients.get(i)));
    }
    Ops after = gated.withControlDependencies(applies);
    Op p1 = after.assign(beta1Power, after.math.mul(beta1Power, b1));
    Op p2 = after.assign(beta2Power, after.math.mul(beta2Power, b2));
    return after.withControlDependencies(List.of(p1, p2)).noOp();
  }
}
