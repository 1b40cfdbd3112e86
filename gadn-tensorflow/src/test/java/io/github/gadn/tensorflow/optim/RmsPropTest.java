package io.github.gadn.tensorflow.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class RmsPropTest {

  /** Three steps on w with fed gradients, against PyTorch's rule computed by hand. */
  @Test
  void matchesPyTorchsRule() {
    double[] w0 = {0.5, -1.0, 2.0};
    double[][] grads = {{0.1, -0.2, 0.3}, {0.05, 0.4, -0.1}, {-0.3, 0.0, 0.2}};
    double lr = 0.01;
    double alpha = 0.99;
    double eps = 1e-4;
    double[] w = w0.clone();
    double[] v = new double[3];
    for (double[] g : grads) {
      for (int i = 0; i < 3; i++) {
        v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
        w[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
      }
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat64> nn = new Nn<>(tf, TFloat64.class, store, 0);
      nn.param("w", new long[] {3}, w0::clone);
      Placeholder<TFloat64> g = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(3)));
      RmsProp<TFloat64> opt = new RmsProp<>(nn.sub("opt"), store.withPrefix("w"), alpha, eps);
      Op step = opt.step(tf, List.<Operand<TFloat64>>of(g), nn.constant(lr));
      try (Session s = new Session(graph)) {
        store.initialize(s);
        for (double[] grad : grads) {
          try (TFloat64 t = TFloat64.vectorOf(grad)) {
            s.runner().feed(g, t).addTarget(step).run().close();
          }
        }
        Map<String, float[]> out = store.read(s, store.withPrefix("w"));
        for (int i = 0; i < 3; i++) {
          assertThat((double) out.get("w")[i]).isCloseTo(w[i], within(1e-6));
        }
        assertThat((double) store.read(s, store.withPrefix("opt")).get("opt/w/sq")[1])
            .isCloseTo(v[1], within(1e-7));
      }
    }
  }

  /** Adam with TF's epsilon placement (PyTorch before 1.3), one step, by hand. */
  @Test
  void adamUsesEpsilonOnTheUncorrectedRoot() {
    double g = 0.001;
    double lr = 0.1;
    double eps = 1e-4;
    double m = 0.1 * g;
    double v = 0.001 * g * g;
    double expected = 1.0 - lr * Math.sqrt(1 - 0.999) / (1 - 0.9) * m / (Math.sqrt(v) + eps);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 0);
      nn.paramFilled("w", new long[] {1}, 1.0);
      Adam<TFloat32> adam = new Adam<>(nn.sub("opt"), store.withPrefix("w"), 0.9, 0.999, eps);
      Op step = adam.step(tf, List.of(nn.constant(new long[] {1}, new double[] {g})), nn.constant(lr));
      try (Session s = new Session(graph)) {
        store.initialize(s);
        s.runner().addTarget(step).run().close();
        assertThat((double) store.read(s, store.withPrefix("w")).get("w")[0])
            .isCloseTo(expected, within(1e-6));
      }
    }
  }
}
