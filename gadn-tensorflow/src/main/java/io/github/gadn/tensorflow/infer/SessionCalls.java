package io.github.gadn.tensorflow.infer;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The inference models' one way of calling a session. */
final class SessionCalls {
  private SessionCalls() {}

  /**
   * One {@code Session.run}: feeds (an {@code int[]} as an int32 vector, or {@code {float[],
   * Shape}} as a float32 tensor), fetches float32 outputs and copies them out; every tensor it
   * creates or fetches is closed before it returns.
   */
  static float[][] run(
      Session session, Map<Placeholder<?>, Object> feeds, List<Operand<TFloat32>> fetches) {
    List<org.tensorflow.Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<Placeholder<?>, Object> e : feeds.entrySet()) {
        org.tensorflow.Tensor t;
        if (e.getValue() instanceof int[] ints) {
          t = TInt32.vectorOf(ints);
        } else {
          Object[] v = (Object[]) e.getValue();
          t = TFloat32.tensorOf((Shape) v[1], DataBuffers.of((float[]) v[0], true, false));
        }
        tensors.add(t);
        runner.feed(e.getKey(), t);
      }
      fetches.forEach(runner::fetch);
      try (Result result = runner.run()) {
        float[][] out = new float[fetches.size()][];
        for (int i = 0; i < out.length; i++) {
          TFloat32 f = (TFloat32) result.get(i);
          out[i] = new float[(int) f.shape().size()];
          f.copyTo(DataBuffers.of(out[i], false, false));
        }
        return out;
      }
    } finally {
      tensors.forEach(org.tensorflow.Tensor::close);
    }
  }

  /**
   * Assigns every variable of {@code store} from {@code weights} (extra entries are ignored).
   *
   * @param what the network, for the message
   * @throws IllegalArgumentException naming how many variables are missing and one of them
   */
  static void assign(ParamStore store, Session session, Map<String, float[]> weights, String what) {
    List<String> missing = new ArrayList<>();
    Map<String, float[]> used = new LinkedHashMap<>();
    for (ParamStore.Param p : store.all()) {
      float[] w = weights.get(p.name());
      if (w == null) {
        missing.add(p.name());
      } else {
        used.put(p.name(), w);
      }
    }
    checkArgument(
        missing.isEmpty(), "the checkpoint lacks %s variables of the %s, e.g. %s",
        missing.size(), what, missing.isEmpty() ? "" : missing.get(0));
    store.write(session, used);
  }
}
