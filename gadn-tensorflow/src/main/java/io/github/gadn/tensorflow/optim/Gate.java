package io.github.gadn.tensorflow.optim;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Collects everything that must be computed before any variable changes in an iteration
 * (gradients, logged losses) and gives {@link Ops} whose ops run only after all of it.
 */
public final class Gate {
  private final Ops tf;
  private final List<Op> before = new ArrayList<>();

  /** Creates an empty gate for {@code tf}'s graph. */
  public Gate(Ops tf) {
    this.tf = tf;
  }

  /** Adds operands that must be computed before the updates. */
  public Gate after(Iterable<? extends Operand<?>> operands) {
    for (Operand<?> o : operands) {
      before.add(tf.identity(o));
    }
    return this;
  }

  /** Adds one operand. */
  public Gate after(Operand<?> operand) {
    before.add(tf.identity(operand));
    return this;
  }

  /** Ops whose ops depend on everything added so far. */
  public Ops ops() {
    return tf.withControlDependencies(before);
  }

  /** One op grouping several steps. */
  public static Op group(Ops tf, List<Op> steps) {
    return tf.withControlDependencies(steps).noOp();
  }
}
