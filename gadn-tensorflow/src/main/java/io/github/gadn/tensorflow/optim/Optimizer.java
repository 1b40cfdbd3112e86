package io.github.gadn.tensorflow.optim;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Builds the update ops of one parameter group. */
interface Optimizer<T extends TFloating> {

  /**
   * Builds one step.
   *
   * @param gated ops carrying control dependencies on everything that must run before the update
   *     (all gradients and logged values of the iteration)
   * @param gradients one gradient per variable, in the order the optimiser was created with
   * @param learningRate scalar, usually a placeholder so the ramp can change it every step
   * @return an op that performs the whole step
   */
  Op step(Ops gated, List<Operand<T>> gradients, Operand<T> learningRate);
}
