package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Streams the current values of a session's float32 variables into a checkpoint ({@link
 * Checkpoint.TensorSource}): the variables are fetched a group of about {@code chunkElements}
 * elements at a time, in order, and copied out of the native tensors slice by slice. A save
 * therefore holds at most one group in native memory and nothing on the Java heap — instead of
 * a second and a third copy of every weight and optimiser slot (measured in docs/performance.md).
 * Only the training thread may use the session while a reader is open; close it to free the
 * last group.
 */
final class VariableReader implements Checkpoint.TensorSource, AutoCloseable {
  private final Session session;
  private final List<List<ParamStore.Param>> groups = new ArrayList<>();
  private final Map<String, Integer> groupOf = new HashMap<>();
  private int current = -1;
  private Result result;
  private final Map<String, FloatDataBuffer> buffers = new HashMap<>();

  /**
   * @param params the variables, in the order they will be read (all float32)
   * @param chunkElements elements fetched per {@code Session.run} (a larger variable is fetched
   *     alone)
   */
  VariableReader(Session session, List<ParamStore.Param> params, long chunkElements) {
    checkArgument(chunkElements > 0, "chunkElements must be positive, got %s", chunkElements);
    this.session = session;
    List<ParamStore.Param> group = new ArrayList<>();
    long elements = 0;
    for (ParamStore.Param p : params) {
      checkArgument(
          p.variable().type() == TFloat32.class, "variable %s is not float32", p.name());
      if (!group.isEmpty() && elements + p.size() > chunkElements) {
        groups.add(group);
        group = new ArrayList<>();
        elements = 0;
      }
      groupOf.put(p.name(), groups.size());
      group.add(p);
      elements += p.size();
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
  }

  @Override
  public void read(String name, long offset, float[] dst, int length) {
    Integer g = groupOf.get(name);
    checkArgument(g != null, "no variable named %s in this reader", name);
    if (g != current) {
      fetch(g);
    }
    buffers.get(name).slice(offset, length).read(dst, 0, length);
  }

  private void fetch(int g) {
    checkState(g > current, "variables must be read in order (%s after group %s)", g, current);
    closeResult();
    Session.Runner runner = session.runner();
    List<ParamStore.Param> group = groups.get(g);
    group.forEach(p -> runner.fetch(p.read()));
    result = runner.run();
    for (int i = 0; i < group.size(); i++) {
      Tensor t = result.get(i);
      buffers.put(group.get(i).name(), t.asRawTensor().data().asFloats());
    }
    current = g;
  }

  private void closeResult() {
    buffers.clear();
    if (result != null) {
      result.close();
      result = null;
    }
  }

  @Override
  public void close() {
    closeResult();
  }
}
