package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Test helper: one graph with a float64 {@link Nn} context, a lazily created and initialised
 * session, feeding double arrays, fetching values with their runtime shapes, and central
 * finite-difference gradient checks against {@code tf.gradients}.
 */
public final class GraphHarness implements AutoCloseable {
  /** The graph. */
  public final Graph graph = new Graph();

  /** Its ops. */
  public final Ops tf = Ops.create(graph);

  /** Its parameters. */
  public final ParamStore store = new ParamStore(tf);

  /** A float64 root context. */
  public final Nn<TFloat64> nn;

  private Session session;

  /** A harness whose parameters start from {@code seed}. */
  public GraphHarness(long seed) {
    nn = new Nn<>(tf, TFloat64.class, store, seed);
  }

  /** A float64 placeholder of a fully known shape. */
  public Placeholder<TFloat64> input(long... shape) {
    return tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
  }

  /** The session; created and every parameter initialised on first use. */
  public Session session() {
    if (session == null) {
      session = new Session(graph);
      store.initialize(session);
    }
    return session;
  }

  /** A value to feed to a placeholder. */
  public record Feed(Placeholder<TFloat64> placeholder, double[] values, long[] shape) {}

  /** Feeds {@code values} of {@code shape} to {@code p}. */
  public static Feed feed(Placeholder<TFloat64> p, double[] values, long... shape) {
    return new Feed(p, values, shape);
  }

  /** A fetched tensor: its values as doubles and its runtime shape. */
  public record Fetched(double[] values, long[] shape) {}

  /** Runs one fetch. */
  public Fetched run(Operand<?> fetch, Feed... feeds) {
    return run(List.of(fetch), List.of(feeds)).get(0);
  }

  /** Values of one fetch. */
  public double[] values(Operand<?> fetch, Feed... feeds) {
    return run(fetch, feeds).values();
  }

  /** Runs several fetches in one {@code Session.run}. */
  public List<Fetched> run(List<? extends Operand<?>> fetches, List<Feed> feeds) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = session().runner();
      for (Feed f : feeds) {
        TFloat64 t =
            TFloat64.tensorOf(Shape.of(f.shape()), DataBuffers.of(f.values(), true, false));
        fed.add(t);
        runner.feed(f.placeholder(), t);
      }
      fetches.forEach(runner::fetch);
      List<Fetched> out = new ArrayList<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < fetches.size(); i++) {
          out.add(copy(r.get(i)));
        }
      }
      return out;
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private static Fetched copy(Tensor t) {
    long[] shape = t.shape().asArray();
    int n = (int) t.shape().size();
    double[] v = new double[n];
    if (t instanceof TFloat64 d) {
      d.copyTo(DataBuffers.of(v, false, false));
    } else if (t instanceof TFloat32 f) {
      float[] a = new float[n];
      f.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        v[i] = a[i];
      }
    } else if (t instanceof TInt32 k) {
      int[] a = new int[n];
      k.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        v[i] = a[i];
      }
    } else {
      throw new IllegalArgumentException("cannot fetch " + t.dataType());
    }
    return new Fetched(v, shape);
  }

  /** Current values of parameters by name, at full precision. */
  public Map<String, double[]> read(String... names) {
    List<ParamStore.Param> ps = new ArrayList<>();
    for (String n : names) {
      ps.add(store.get(n));
    }
    return store.readDouble(session(), ps);
  }

  /** Assigns parameter values by name, at full precision. */
  public void write(Map<String, double[]> values) {
    store.writeDouble(session(), values);
  }

  /** {@code n} values uniform in {@code [lo, hi)}. */
  public static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * r.nextDouble();
    }
    return v;
  }

  /**
   * {@code n} values uniform in {@code [-scale, scale)} whose magnitude is at least {@code gap}.
   */
  public static double[] awayFromZero(SplittableRandom r, int n, double scale, double gap) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double m = gap + (scale - gap) * r.nextDouble();
      v[i] = r.nextBoolean() ? m : -m;
    }
    return v;
  }

  /** {@code n} standard normal values. */
  public static double[] gaussian(long seed, int n) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  /** Number of elements of a shape. */
  public static int size(long... shape) {
    return (int) Shape.of(shape).size();
  }

  /** Starts a gradient check of {@code Σ_k Σ outputs_k ⊙ R_k} for fixed random {@code R_k}. */
  @SafeVarargs
  public final GradientCheck gradientCheck(Operand<TFloat64>... outputs) {
    return new GradientCheck(List.of(outputs));
  }

  /**
   * Central finite-difference check ({@code ε = 1e-6}) of the gradients of a scalar {@code L = Σ_k
   * Σ outputs_k ⊙ R_k} with respect to chosen placeholders and parameters, at a few random elements
   * of each. An element passes if the absolute error is below {@code 1e-7} or the relative error
   * below {@code 1e-5}.
   */
  public final class GradientCheck {
    private final List<Operand<TFloat64>> outputs;
    private final Map<Placeholder<TFloat64>, Feed> feeds = new LinkedHashMap<>();
    private final List<Placeholder<TFloat64>> wrtInputs = new ArrayList<>();
    private final List<ParamStore.Param> wrtParams = new ArrayList<>();
    private int probes = 4;
    private long seed = 11;

    private GradientCheck(List<Operand<TFloat64>> outputs) {
      this.outputs = outputs;
    }

    /** Feeds {@code x} and checks the gradient with respect to it. */
    public GradientCheck wrt(Placeholder<TFloat64> x, double[] value, long... shape) {
      feeds.put(x, feed(x, value, shape));
      wrtInputs.add(x);
      return this;
    }

    /** Feeds {@code x} without checking its gradient. */
    public GradientCheck fixed(Placeholder<TFloat64> x, double[] value, long... shape) {
      feeds.put(x, feed(x, value, shape));
      return this;
    }

    /** Also checks the gradients with respect to these parameters. */
    public GradientCheck wrtParams(Collection<ParamStore.Param> params) {
      wrtParams.addAll(params);
      return this;
    }

    /** Also checks every trainable parameter whose name starts with {@code prefix}. */
    public GradientCheck wrtTrainable(String prefix) {
      return wrtParams(store.select(p -> p.trainable() && p.name().startsWith(prefix)));
    }

    /** Elements probed per tensor (default 4). */
    public GradientCheck probes(int n) {
      probes = n;
      return this;
    }

    /** Seed of the loss weights and the probed elements. */
    public GradientCheck seed(long s) {
      seed = s;
      return this;
    }

    /**
     * Runs the check; fails with the offending element on the first mismatch.
     *
     * @return number of compared elements (so callers can assert the check did something)
     */
    public int verify() {
      assertThat(wrtInputs.size() + wrtParams.size()).as("nothing to check").isPositive();
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Feed> base = new ArrayList<>(feeds.values());
      List<Fetched> outs = run(outputs, base);
      Operand<TFloat64> loss = null;
      for (int k = 0; k < outputs.size(); k++) {
        int n = outs.get(k).values().length;
        Operand<TFloat64> w = nn.constant(new long[] {n}, uniform(rnd, n, -1, 1));
        Operand<TFloat64> term = nn.sumAll(nn.mul(nn.reshape(outputs.get(k), -1), w));
        loss = loss == null ? term : nn.add(loss, term);
      }
      List<Operand<?>> sources = new ArrayList<>(wrtInputs);
      wrtParams.forEach(p -> sources.add(p.read()));
      List<Output<?>> grads = tf.gradients(loss, sources).dy();
      for (int i = 0; i < grads.size(); i++) {
        assertThat(reaches(grads.get(i)))
            .as(
                "no gradient reaches %s",
                i < wrtInputs.size() ? "input " + i : wrtParams.get(i - wrtInputs.size()).name())
            .isTrue();
      }
      List<Fetched> analytic = run(grads, base);
      double eps = 1e-6;
      int compared = 0;
      for (int s = 0; s < wrtInputs.size(); s++) {
        Feed f = feeds.get(wrtInputs.get(s));
        double[] g = analytic.get(s).values();
        for (int i : pick(rnd, f.values().length)) {
          double[] plus = f.values().clone();
          double[] minus = f.values().clone();
          plus[i] += eps;
          minus[i] -= eps;
          double lp = lossWith(loss, base, feed(f.placeholder(), plus, f.shape()));
          double lm = lossWith(loss, base, feed(f.placeholder(), minus, f.shape()));
          assertClose("input " + s + " [" + i + "]", g[i], (lp - lm) / (2 * eps));
          compared++;
        }
      }
      for (int p = 0; p < wrtParams.size(); p++) {
        ParamStore.Param param = wrtParams.get(p);
        double[] value = store.readDouble(session(), List.of(param)).get(param.name());
        double[] g = analytic.get(wrtInputs.size() + p).values();
        for (int i : pick(rnd, value.length)) {
          double[] changed = value.clone();
          changed[i] = value[i] + eps;
          write(Map.of(param.name(), changed));
          double lp = lossWith(loss, base, null);
          changed[i] = value[i] - eps;
          write(Map.of(param.name(), changed));
          double lm = lossWith(loss, base, null);
          write(Map.of(param.name(), value));
          assertClose(param.name() + "[" + i + "]", g[i], (lp - lm) / (2 * eps));
          compared++;
        }
      }
      return compared;
    }

    /** Whether TF built a gradient (an unconnected source gets an output without an op). */
    private boolean reaches(Output<?> g) {
      try {
        g.dataType();
        return true;
      } catch (IllegalStateException e) {
        return false;
      }
    }

    private int[] pick(SplittableRandom rnd, int n) {
      if (n <= probes) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
      }
      return rnd.ints(0, n).distinct().limit(probes).toArray();
    }

    private double lossWith(Operand<TFloat64> loss, List<Feed> base, Feed replaced) {
      List<Feed> fs = new ArrayList<>();
      for (Feed f : base) {
        fs.add(replaced != null && f.placeholder() == replaced.placeholder() ? replaced : f);
      }
      return run(List.of(loss), fs).get(0).values()[0];
    }
  }

  /** Asserts {@code |actual[i] − expected[i]| ≤ tolerance} for all i, naming the first mismatch. */
  public static void assertAllClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("element %s: %s, expected %s", i, actual[i], expected[i])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  private static void assertClose(String what, double analytic, double numeric) {
    double error = Math.abs(analytic - numeric);
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
    assertThat(error <= 1e-7 || error <= 1e-5 * scale)
        .as("gradient of %s: analytic %s, numeric %s", what, analytic, numeric)
        .isTrue();
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
