package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Assigns a checkpoint's tensors to a session's float32 variables as they are streamed from the
 * file ({@link Checkpoint.TensorSink}): each value goes straight from a small read buffer into a
 * native tensor, and the tensors are assigned a group of about {@code chunkElements} elements per
 * {@code Session.run}. Restoring therefore never holds the checkpoint on the Java heap. Call
 * {@link #finish} to assign the last group; {@link #close} frees what is left without assigning.
 */
final class VariableWriter implements Checkpoint.TensorSink, AutoCloseable {
  private static final int SLICE = 1 << 14;

  private final Session session;
  private final ParamStore store;
  private final long chunkElements;
  private final Map<ParamStore.Param, Tensor> pending = new LinkedHashMap<>();
  private final float[] slice = new float[SLICE];
  private long pendingElements;

  VariableWriter(Session session, ParamStore store, long chunkElements) {
    checkArgument(chunkElements > 0, "chunkElements must be positive, got %s", chunkElements);
    this.session = session;
    this.store = store;
    this.chunkElements = chunkElements;
  }

  /**
   * @throws IllegalArgumentException naming a tensor that is no variable of the store, or one of
   *     another shape
   */
  @Override
  public void accept(String name, long[] shape, Checkpoint.FloatReader values)
      throws IOException {
    checkArgument(store.contains(name), "no parameter named %s in this graph", name);
    ParamStore.Param p = store.get(name);
    checkArgument(
        Arrays.equals(shape, p.shape()),
        "parameter %s has shape %s, expected %s",
        name, Shape.of(shape), Shape.of(p.shape()));
    checkArgument(p.variable().type() == TFloat32.class, "variable %s is not float32", name);
    TFloat32 t = TFloat32.tensorOf(Shape.of(shape));
    pending.put(p, t);
    FloatDataBuffer data = t.asRawTensor().data().asFloats();
    long n = p.size();
    for (long i = 0; i < n; ) {
      int k = (int) Math.min(n - i, SLICE);
      values.read(slice, 0, k);
      data.slice(i, k).write(slice, 0, k);
      i += k;
    }
    pendingElements += n;
    if (pendingElements >= chunkElements) {
      flush();
    }
  }

  private void flush() {
    try {
      store.assign(session, pending);
    } finally {
      close();
    }
  }

  /** Assigns the tensors still pending. */
  void finish() {
    flush();
  }

  @Override
  public void close() {
    pending.values().forEach(Tensor::close);
    pending.clear();
    pendingElements = 0;
  }
}
