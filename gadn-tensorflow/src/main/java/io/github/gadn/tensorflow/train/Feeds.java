package io.github.gadn.tensorflow.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The feeds of one {@code Session.run}: creates tensors from Java arrays, remembers them and
 * closes them all, so no tensor outlives the run that used it.
 */
final class Feeds implements AutoCloseable {
  /** Number of {@code Session.run} calls made through any {@code Feeds} (for tests). */
  static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

  private final Session.Runner runner;
  private final List<Tensor> tensors = new ArrayList<>();

  Feeds(Session session) {
    this.runner = session.runner();
  }

  Feeds floats(Operand<TFloat32> placeholder, float[] values, long... shape) {
    TFloat32 t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    tensors.add(t);
    runner.feed(placeholder, t);
    return this;
  }

  Feeds floats(Operand<TFloat32> placeholder, double[] values, long... shape) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return floats(placeholder, f, shape);
  }

  Feeds scalar(Operand<TFloat32> placeholder, double value) {
    TFloat32 t = TFloat32.scalarOf((float) value);
    tensors.add(t);
    runner.feed(placeholder, t);
    return this;
  }

  Feeds ints(Operand<TInt32> placeholder, int[] values) {
    TInt32 t = TInt32.vectorOf(values);
    tensors.add(t);
    runner.feed(placeholder, t);
    return this;
  }

  Session.Runner runner() {
    return runner;
  }

  /**
   * When set on a thread, its {@code Session.run}s through {@code Feeds} are traced and the
   * metadata (per-op step statistics) handed to this consumer (for {@code gadn bench --profile}).
   */
  static final ThreadLocal<java.util.function.Consumer<org.tensorflow.proto.RunMetadata>> TRACE =
      new ThreadLocal<>();

  /** Runs and returns the result; the caller closes it. */
  Result run() {
    RUNS.incrementAndGet();
    java.util.function.Consumer<org.tensorflow.proto.RunMetadata> trace = TRACE.get();
    if (trace == null) {
      return runner.run();
    }
    runner.setOptions(
        org.tensorflow.proto.RunOptions.newBuilder()
            .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE)
            .build());
    Result result = runner.runAndFetchMetadata();
    result.getMetadata().ifPresent(trace);
    return result;
  }

  /** Copies a fetched float tensor into a Java array. */
  static float[] toFloats(Tensor t) {
    TFloat32 f = (TFloat32) t;
    float[] out = new float[(int) f.shape().size()];
    f.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** A fetched float scalar. */
  static double scalar(Tensor t) {
    return ((TFloat32) t).getFloat();
  }

  @Override
  public void close() {
    for (Tensor t : tensors) {
      t.close();
    }
    tensors.clear();
  }
}
