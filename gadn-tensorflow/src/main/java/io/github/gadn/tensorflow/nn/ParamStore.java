package io.github.gadn.tensorflow.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * All variables of one graph, by stable name, each with a feedable assign op so that values can be
 * set from Java (initialisation, checkpoint restore) without baking constants into the graph.
 *
 * <p>Initial values are computed in Java from a seed, so initialisation is deterministic and
 * independent of TensorFlow's initializer order.
 */
public final class ParamStore {

  /** One variable. */
  public static final class Param {
    private final String name;
    private final long[] shape;
    private final Class<? extends TFloating> type;
    private final Variable<? extends TFloating> variable;
    private final Operand<? extends TFloating> read;
    private final Placeholder<? extends TFloating> feed;
    private final Op assign;
    private final Supplier<double[]> initial;
    private final Fill fill;
    private final boolean trainable;

    private Param(
        String name,
        long[] shape,
        Class<? extends TFloating> type,
        Variable<? extends TFloating> variable,
        Operand<? extends TFloating> read,
        Placeholder<? extends TFloating> feed,
        Op assign,
        Supplier<double[]> initial,
        Fill fill,
        boolean trainable) {
      this.name = name;
      this.shape = shape;
      this.type = type;
      this.variable = variable;
      this.read = read;
      this.feed = feed;
      this.assign = assign;
      this.initial = initial;
      this.fill = fill;
      this.trainable = trainable;
    }

    /** Stable name, e.g. {@code enc/L0/b0/conv/w}. */
    public String name() {
      return name;
    }

    /** Static shape. */
    public long[] shape() {
      return shape.clone();
    }

    /** Number of elements. */
    public long size() {
      return Shape.of(shape).size();
    }

    /** Whether optimisers update it (false for optimiser slots and buffers). */
    public boolean trainable() {
      return trainable;
    }

    /** The variable itself (for optimiser updates and assignment). */
    public Variable<? extends TFloating> variable() {
      return variable;
    }

    /**
     * The value read through an {@code Identity}: what networks compute with and what gradients
     * are taken with respect to. (Ops that consume a {@code VariableV2} reference directly crash
     * TF Java 1.1.0's native gradient builder.)
     */
    public Operand<? extends TFloating> read() {
      return read;
    }

    /** Computes the initial values (row-major; deterministic for a given seed). */
    public double[] initial() {
      return initial.get();
    }
  }

  private final Ops tf;
  private final Map<String, Param> params = new LinkedHashMap<>();
  private List<Param> checked;
  private Operand<TBool> finite;

  /** Creates an empty store whose variables live in {@code tf}'s graph. */
  public ParamStore(Ops tf) {
    this.tf = tf;
  }

  /**
   * Adds a variable.
   *
   * @param name unique stable name
   * @param type element type
   * @param shape static shape
   * @param initial computes the initial values, row-major, one per element; called only when
   *     the variable is initialised, so large networks need not hold them in memory
   * @param trainable whether optimisers update it
   * @return the variable
   */
  public <T extends TFloating> Variable<T> add(
      String name, Class<T> type, long[] shape, Supplier<double[]> initial, boolean trainable) {
    return create(name, type, shape, initial, null, trainable);
  }

  /**
   * Adds a variable whose elements all start at {@code value}. It is initialised inside the graph
   * (a {@code Fill} op), so no array of its size is ever built on the Java heap — optimiser slots
   * alone are twice the size of a network's weights.
   *
   * @param name unique stable name
   * @param type element type
   * @param shape static shape
   * @param value the initial value of every element
   * @param trainable whether optimisers update it
   * @return the variable
   */
  public <T extends TFloating> Variable<T> addFilled(
      String name, Class<T> type, long[] shape, double value, boolean trainable) {
    return create(name, type, shape, () -> filled(shape, value), value, trainable);
  }

  private <T extends TFloating> Variable<T> create(
      String name,
      Class<T> type,
      long[] shape,
      Supplier<double[]> initial,
      Double fillValue,
      boolean trainable) {
    checkArgument(!params.containsKey(name), "duplicate parameter name %s", name);
    Shape s = Shape.of(shape);
    // Not the init scope: gradients w.r.t. variables created there crash the native gradient
    // builder (TF Java 1.1.0); the assign-from-feed ops initialise them instead.
    Ops named = tf;
    String opName = name.replace('/', '.');
    Variable<T> variable = named.withName(opName).variable(s, type);
    Placeholder<T> feed =
        named.withName(opName + ".feed").placeholder(type, Placeholder.shape(s));
    Op assign = named.withName(opName + ".set").assign(variable, feed);
    Operand<T> read = named.withName(opName + ".read").identity(variable);
    Fill fill = null;
    if (fillValue != null) {
      // The value is fed, not a constant: Grappler would fold Fill(constant) into a constant of
      // the variable's size, which the cached executor of each initialising Session.run keeps for
      // the session's life (together 437 MiB of BFC memory at 64 px).
      Placeholder<TFloat64> value =
          named.withName(opName + ".fill_value").placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
      Op op =
          named
              .withName(opName + ".fill")
              .assign(variable, tf.fill(tf.constant(shape), tf.dtypes.cast(value, type)));
      fill = new Fill(op, value, fillValue);
    }
    params.put(
        name,
        new Param(
            name, shape.clone(), type, variable, read, feed, assign, initial, fill, trainable));
    return variable;
  }

  /** The in-graph initialiser of a filled variable: {@code op} assigns {@code value}, fed. */
  private record Fill(Op op, Placeholder<TFloat64> value, double initialValue) {}

  /** {@code size(shape)} copies of {@code value}. */
  private static double[] filled(long[] shape, double value) {
    double[] init = new double[(int) Shape.of(shape).size()];
    java.util.Arrays.fill(init, value);
    return init;
  }

  /** The read value of the variable just added under {@code name}. */
  @SuppressWarnings("unchecked")
  public <T extends TFloating> Operand<T> read(String name) {
    return (Operand<T>) get(name).read;
  }

  /** All parameters in creation order. */
  public List<Param> all() {
    return Collections.unmodifiableList(new ArrayList<>(params.values()));
  }

  /** Parameters whose name starts with {@code prefix}. */
  public List<Param> withPrefix(String prefix) {
    return select(p -> p.name.startsWith(prefix));
  }

  /** Parameters matching a predicate, in creation order. */
  public List<Param> select(Predicate<Param> filter) {
    List<Param> out = new ArrayList<>();
    for (Param p : params.values()) {
      if (filter.test(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Read values of the trainable variables whose name starts with {@code prefix}. */
  public List<Operand<? extends TFloating>> trainable(String prefix) {
    List<Operand<? extends TFloating>> out = new ArrayList<>();
    for (Param p : withPrefix(prefix)) {
      if (p.trainable) {
        out.add(p.read);
      }
    }
    return out;
  }

  /** Whether a parameter has this name. */
  public boolean contains(String name) {
    return params.containsKey(name);
  }

  /** The parameter with this name. */
  public Param get(String name) {
    Param p = params.get(name);
    checkArgument(p != null, "no parameter named %s", name);
    return p;
  }

  /** Total number of trainable elements under {@code prefix}. */
  public long countTrainable(String prefix) {
    long n = 0;
    for (Param p : withPrefix(prefix)) {
      if (p.trainable) {
        n += p.size();
      }
    }
    return n;
  }

  /** Sets every variable to its initial value (one {@code Session.run}). */
  public void initialize(Session session) {
    assignInitial(session, params.values());
  }

  /**
   * Sets the given variables to their initial values, in chunks of about 32 M elements per {@code
   * Session.run} so that large networks do not need all values in memory at once.
   */
  public void assignInitial(Session session, Collection<Param> which) {
    List<Param> chunk = new ArrayList<>();
    long elements = 0;
    for (Param p : which) {
      chunk.add(p);
      elements += p.size();
      if (elements >= (4L << 20)) {
        assignChunk(session, chunk);
        chunk.clear();
        elements = 0;
      }
    }
    assignChunk(session, chunk);
  }

  private void assignChunk(Session session, List<Param> chunk) {
    Session.Runner runner = session.runner();
    List<Tensor> feeds = new ArrayList<>();
    try {
      for (Param p : chunk) {
        if (p.fill != null) {
          Tensor value = TFloat64.scalarOf(p.fill.initialValue());
          feeds.add(value);
          runner.feed(p.fill.value(), value).addTarget(p.fill.op());
          continue;
        }
        double[] values = p.initial.get();
        checkState(
            values.length == p.size(),
            "parameter %s: %s initial values for shape %s",
            p.name,
            values.length,
            Shape.of(p.shape));
        Tensor t = tensorOf(p, values);
        feeds.add(t);
        runner.feed(p.feed, t).addTarget(p.assign);
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * Reads the current values of the given variables (one {@code Session.run}).
   *
   * @return name → values as float32 (float64 variables are narrowed)
   */
  public Map<String, float[]> read(Session session, Collection<Param> which) {
    Map<String, float[]> out = new LinkedHashMap<>();
    if (which.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    List<Param> order = new ArrayList<>(which);
    for (Param p : order) {
      runner.fetch(p.read);
    }
    try (Result result = runner.run()) {
      for (int i = 0; i < order.size(); i++) {
        Param p = order.get(i);
        float[] values = new float[(int) p.size()];
        Tensor t = result.get(i);
        if (t instanceof TFloat32 f) {
          f.copyTo(DataBuffers.of(values, false, false));
        } else {
          double[] d = new double[values.length];
          ((TFloat64) t).copyTo(DataBuffers.of(d, false, false));
          for (int j = 0; j < d.length; j++) {
            values[j] = (float) d[j];
          }
        }
        out.put(p.name, values);
      }
    }
    return out;
  }

  /**
   * Assigns values to variables by name (one {@code Session.run}).
   *
   * @param values name → row-major values; every name must exist and every size must match
   * @throws IllegalArgumentException naming the unknown parameter or size mismatch
   */
  public void write(Session session, Map<String, float[]> values) {
    Session.Runner runner = session.runner();
    List<Tensor> feeds = new ArrayList<>();
    try {
      for (Map.Entry<String, float[]> e : values.entrySet()) {
        Param p = params.get(e.getKey());
        checkArgument(p != null, "no parameter named %s in this graph", e.getKey());
        checkArgument(
            e.getValue().length == p.size(),
            "parameter %s has %s values, expected %s for shape %s",
            p.name,
            e.getValue().length,
            p.size(),
            Shape.of(p.shape));
        double[] d = new double[e.getValue().length];
        for (int i = 0; i < d.length; i++) {
          d[i] = e.getValue()[i];
        }
        Tensor t = tensorOf(p, d);
        feeds.add(t);
        runner.feed(p.feed, t).addTarget(p.assign);
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * Assigns tensors to variables (one {@code Session.run}); the caller keeps ownership of the
   * tensors and closes them.
   *
   * @param values parameter → a tensor of its type and shape
   * @throws IllegalArgumentException naming a parameter of another store or a tensor of the wrong
   *     shape
   */
  public void assign(Session session, Map<Param, Tensor> values) {
    Session.Runner runner = session.runner();
    for (Map.Entry<Param, Tensor> e : values.entrySet()) {
      Param p = e.getKey();
      checkArgument(params.get(p.name) == p, "parameter %s is not in this store", p.name);
      checkArgument(
          e.getValue().shape().equals(Shape.of(p.shape)),
          "parameter %s: a tensor of shape %s for shape %s",
          p.name,
          e.getValue().shape(),
          Shape.of(p.shape));
      runner.feed(p.feed, e.getValue()).addTarget(p.assign);
    }
    if (!runner.isEmpty()) {
      runner.run().close();
    }
  }

  /** Reads variables at full precision (float64 variables stay float64), one {@code Session.run}. */
  public Map<String, double[]> readDouble(Session session, Collection<Param> which) {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (which.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    List<Param> order = new ArrayList<>(which);
    order.forEach(p -> runner.fetch(p.read));
    try (Result result = runner.run()) {
      for (int i = 0; i < order.size(); i++) {
        double[] values = new double[(int) order.get(i).size()];
        Tensor t = result.get(i);
        if (t instanceof TFloat64 d) {
          d.copyTo(DataBuffers.of(values, false, false));
        } else {
          float[] f = new float[values.length];
          ((TFloat32) t).copyTo(DataBuffers.of(f, false, false));
          for (int j = 0; j < f.length; j++) {
            values[j] = f[j];
          }
        }
        out.put(order.get(i).name, values);
      }
    }
    return out;
  }

  /** Assigns variables at full precision by name, one {@code Session.run}. */
  public void writeDouble(Session session, Map<String, double[]> values) {
    Session.Runner runner = session.runner();
    List<Tensor> feeds = new ArrayList<>();
    try {
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        Param p = get(e.getKey());
        checkArgument(
            e.getValue().length == p.size(),
            "parameter %s has %s values, expected %s",
            p.name, e.getValue().length, p.size());
        Tensor t = tensorOf(p, e.getValue());
        feeds.add(t);
        runner.feed(p.feed, t).addTarget(p.assign);
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * The variables holding a NaN or an infinity, in creation order, found with one {@code
   * Session.run} of an in-graph check ({@code IsFinite} reduced per variable); only the
   * per-variable flags travel to Java. The check is added to the graph on first use.
   *
   * @return names of the non-finite variables (empty if all are finite)
   */
  public synchronized List<String> nonFinite(Session session) {
    if (finite == null || checked.size() != params.size()) {
      checked = new ArrayList<>(params.values());
      List<Operand<TBool>> flags = new ArrayList<>();
      Operand<TInt32> flat = tf.constant(new int[] {-1});
      Operand<TInt32> axis = tf.constant(0);
      for (Param p : checked) {
        flags.add(tf.reduceAll(tf.math.isFinite(tf.reshape(p.read, flat)), axis));
      }
      finite = tf.stack(flags);
    }
    List<String> bad = new ArrayList<>();
    try (Result result = session.runner().fetch(finite).run()) {
      TBool flags = (TBool) result.get(0);
      for (int i = 0; i < checked.size(); i++) {
        if (!flags.getBoolean(i)) {
          bad.add(checked.get(i).name);
        }
      }
    }
    return bad;
  }

  private static Tensor tensorOf(Param p, double[] values) {
    Shape s = Shape.of(p.shape);
    if (p.type == TFloat64.class) {
      return TFloat64.tensorOf(s, DataBuffers.of(values, true, false));
    }
    checkState(p.type == TFloat32.class, "unsupported type %s", p.type);
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return TFloat32.tensorOf(s, DataBuffers.of(f, true, false));
  }

  /** The variable of a parameter typed as {@code T} (unchecked: the caller knows the type). */
  @SuppressWarnings("unchecked")
  public static <T extends TFloating> Variable<T> typedVariable(Param p) {
    return (Variable<T>) p.variable;
  }

  /** The variable of a parameter as an operand of type {@code T} (unchecked). */
  @SuppressWarnings("unchecked")
  public static <T extends TFloating> Operand<T> typed(Variable<? extends TFloating> v) {
    return (Operand<T>) v;
  }
}
