package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** A float64 graph for block tests: feeds, runs and finite-difference gradient checks. */
final class F64Graph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final ParamStore store = new ParamStore(tf);
  final Nn<TFloat64> nn;
  private Session session;

  F64Graph(long seed) {
    nn = new Nn<>(tf, TFloat64.class, store, seed);
  }

  Placeholder<TFloat64> input(long... shape) {
    return tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
  }

  Session session() {
    if (session == null) {
      session = new Session(graph);
      store.initialize(session);
    }
    return session;
  }

  static double[] random(SplittableRandom r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * r.nextDouble() - 1) * scale;
    }
    return v;
  }

  static double[] gaussian(long seed, int n) {
    java.util.Random r = new java.util.Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  /** Runs {@code out} with the given feeds; returns its values. */
  double[] run(Operand<TFloat64> out, Map<Placeholder<TFloat64>, Object[]> feeds) {
    List<TFloat64> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session().runner();
      for (Map.Entry<Placeholder<TFloat64>, Object[]> e : feeds.entrySet()) {
        TFloat64 t =
            TFloat64.tensorOf((Shape) e.getValue()[1], DataBuffers.of((double[]) e.getValue()[0], true, false));
        tensors.add(t);
        runner.feed(e.getKey(), t);
      }
      try (Result r = runner.fetch(out).run()) {
        TFloat64 t = (TFloat64) r.get(0);
        double[] v = new double[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
      }
    } finally {
      tensors.forEach(TFloat64::close);
    }
  }

  static Object[] feed(double[] values, long... shape) {
    return new Object[] {values, Shape.of(shape)};
  }

  /**
   * Checks ∂(Σ out ⊙ R)/∂x and ∂/∂(every parameter matching {@code params}) against central
   * differences at a few random elements each.
   */
  void checkGradients(
      Operand<TFloat64> out,
      Placeholder<TFloat64> x,
      double[] xValue,
      long[] xShape,
      Predicate<String> params,
      long seed) {
    Map<Placeholder<TFloat64>, Object[]> feeds = new LinkedHashMap<>();
    feeds.put(x, feed(xValue, xShape));
    double[] y = run(out, feeds);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] weights = random(rnd, y.length, 1);
    Operand<TFloat64> loss =
        nn.sumAll(nn.mul(nn.reshape(out, -1), nn.constant(new long[] {y.length}, weights)));
    List<ParamStore.Param> ps = store.select(p -> params.test(p.name()));
    List<Operand<?>> sources = new ArrayList<>();
    sources.add(x);
    ps.forEach(p -> sources.add(p.read()));
    List<Output<?>> grads = tf.gradients(loss, sources).dy();
    // Analytic values.
    Session.Runner runner = session().runner();
    TFloat64 xt = TFloat64.tensorOf(Shape.of(xShape), DataBuffers.of(xValue, true, false));
    List<double[]> analytic = new ArrayList<>();
    try {
      runner.feed(x, xt);
      grads.forEach(g -> runner.fetch(g));
      try (Result r = runner.run()) {
        for (int i = 0; i < grads.size(); i++) {
          TFloat64 t = (TFloat64) r.get(i);
          double[] v = new double[(int) t.shape().size()];
          t.copyTo(DataBuffers.of(v, false, false));
          analytic.add(v);
        }
      }
    } finally {
      xt.close();
    }
    double eps = 1e-6;
    // Input elements.
    for (int k = 0; k < 6; k++) {
      int i = rnd.nextInt(xValue.length);
      double[] plus = xValue.clone();
      double[] minus = xValue.clone();
      plus[i] += eps;
      minus[i] -= eps;
      double numeric = (lossAt(loss, x, plus, xShape) - lossAt(loss, x, minus, xShape)) / (2 * eps);
      assertClose("input[" + i + "]", analytic.get(0)[i], numeric);
    }
    // Parameter elements.
    for (int p = 0; p < ps.size(); p++) {
      ParamStore.Param param = ps.get(p);
      double[] value = store.readDouble(session(), List.of(param)).get(param.name());
      for (int k = 0; k < 2; k++) {
        int i = rnd.nextInt(value.length);
        double[] plus = value.clone();
        double[] minus = value.clone();
        plus[i] += eps;
        minus[i] -= eps;
        store.writeDouble(session(), Map.of(param.name(), plus));
        double lp = lossAt(loss, x, xValue, xShape);
        store.writeDouble(session(), Map.of(param.name(), minus));
        double lm = lossAt(loss, x, xValue, xShape);
        store.writeDouble(session(), Map.of(param.name(), value));
        assertClose(param.name() + "[" + i + "]", analytic.get(p + 1)[i], (lp - lm) / (2 * eps));
      }
    }
  }

  private double lossAt(Operand<TFloat64> loss, Placeholder<TFloat64> x, double[] v, long[] shape) {
    Map<Placeholder<TFloat64>, Object[]> feeds = new LinkedHashMap<>();
    feeds.put(x, feed(v, shape));
    return run(loss, feeds)[0];
  }

  private static void assertClose(String what, double analytic, double numeric) {
    double tolerance = 1e-6 + 1e-5 * Math.abs(numeric);
    assertThat(Math.abs(analytic - numeric))
        .as("%s: analytic %s numeric %s", what, analytic, numeric)
        .isLessThanOrEqualTo(tolerance);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
