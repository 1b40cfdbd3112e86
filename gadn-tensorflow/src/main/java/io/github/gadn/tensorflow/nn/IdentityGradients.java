package io.github.gadn.tensorflow.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.IdentityN;

/**
 * Hand-written gradients through {@code IdentityN}: a value computed on stopped inputs is passed
 * through an {@code IdentityN} op together with those inputs, and the gradient registered here for
 * {@code IdentityN} (which TensorFlow leaves without one) applies that op's {@link Rule}; for other
 * {@code IdentityN} ops it is the identity.
 */
final class IdentityGradients {
  private IdentityGradients() {}

  /**
   * The gradients of one wrapped op's inputs from those of its outputs. A rule must not hold graph
   * objects (it is kept per graph, weakly) nor query the graph: the gradient builder holds the
   * graph's lock, so name and shape look-ups would deadlock; it may read {@code op.input(i)} and
   * create ops with {@code tf}.
   */
  @FunctionalInterface
  interface Rule {
    List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> grads);
  }

  private static final Map<Graph, Map<String, Rule>> RULES = new WeakHashMap<>();
  private static boolean registered;

  private static synchronized void register() {
    if (!registered) {
      if (!TensorFlow.registerCustomGradient("IdentityN", IdentityGradients::gradient)) {
        throw new IllegalStateException(
            "cannot register a gradient for IdentityN (this TensorFlow build defines one); run"
                + " with --conv-kernels engine");
      }
      registered = true;
    }
  }

  private static synchronized Rule rule(Graph graph, String name) {
    Map<String, Rule> m = RULES.get(graph);
    return m == null ? null : m.get(name);
  }

  /**
   * Passes {@code values} through one {@code IdentityN} whose gradient is {@code rule}.
   *
   * @return the op's outputs, one per value
   */
  static synchronized List<Output<?>> wrap(Ops tf, List<Operand<?>> values, Rule rule) {
    register();
    IdentityN op = tf.identityN(values);
    GraphOperation g = (GraphOperation) op.op();
    RULES.computeIfAbsent(g.env(), k -> new HashMap<>()).put(g.name(), rule);
    return op.output();
  }

  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> grads) {
    Rule r = rule(op.env(), op.name());
    return r == null ? List.copyOf(grads) : r.gradient(tf, op, grads);
  }
}
