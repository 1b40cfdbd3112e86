package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Saving and restoring variables without holding them on the Java heap: {@link VariableReader}
 * fetches groups of variables and {@link VariableWriter} assigns groups of streamed tensors; filled
 * parameters and optimiser slots are initialised inside the graph.
 */
class VariableStreamingTest {

  /** A float32 store: a 40,000-element weight (crosses the 16 Ki-float slices), a filled bias, a slot. */
  private static final class Fixture implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final ParamStore store = new ParamStore(tf);
    final Session session;

    Fixture(long seed) {
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, seed);
      nn.param(
          "w",
          new long[] {200, 200},
          () -> {
            double[] v = new double[40_000];
            for (int i = 0; i < v.length; i++) {
              v[i] = Math.sin(i + seed);
            }
            return v;
          });
      nn.paramFilled("b", new long[] {7}, -1.5);
      nn.slot("m", new long[] {3, 5}, 0.25);
      session = new Session(graph);
      store.initialize(session);
    }

    Map<String, long[]> shapes() {
      Map<String, long[]> shapes = new LinkedHashMap<>();
      store.all().forEach(p -> shapes.put(p.name(), p.shape()));
      return shapes;
    }

    Map<String, float[]> values() {
      return store.read(session, store.all());
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void filledParametersAndSlotsStartAtTheirValue() {
    try (Fixture f = new Fixture(1)) {
      assertThat(f.values().get("b")).containsOnly(-1.5f).hasSize(7);
      assertThat(f.values().get("m")).containsOnly(0.25f).hasSize(15);
    }
  }

  @Test
  void savedInSmallGroupsAndRestoredInSmallGroupsEveryValueComesBack(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("a.ckpt");
    Map<String, float[]> saved;
    try (Fixture a = new Fixture(1)) {
      saved = a.values();
      // One variable per group: three Session.runs.
      try (VariableReader reader = new VariableReader(a.session, a.store.all(), 1)) {
        Checkpoint.write(file, Map.of("stage", "t"), a.shapes(), reader);
      }
    }
    try (Fixture b = new Fixture(2)) {
      assertThat(b.values().get("w")).isNotEqualTo(saved.get("w"));
      try (VariableWriter writer = new VariableWriter(b.session, b.store, 10)) {
        Checkpoint.stream(file, writer);
        writer.finish();
      }
      Map<String, float[]> back = b.values();
      for (String name : saved.keySet()) {
        assertThat(back.get(name)).as(name).containsExactly(saved.get(name));
      }
    }
  }

  @Test
  void theSavedFileIsTheFileOfTheValuesReadAtOnce(@TempDir Path dir) throws Exception {
    try (Fixture a = new Fixture(3)) {
      Path streamed = dir.resolve("streamed.ckpt");
      try (VariableReader reader = new VariableReader(a.session, a.store.all(), 20_000)) {
        Checkpoint.write(streamed, Map.of("stage", "t"), a.shapes(), reader);
      }
      Checkpoint whole = new Checkpoint(Map.of("stage", "t"), a.values(), a.shapes());
      assertThat(Checkpoint.read(streamed).tensors().get("w"))
          .containsExactly(whole.tensors().get("w"));
    }
  }

  @Test
  void aTensorOfAnotherShapeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.ckpt");
    new Checkpoint(Map.of(), Map.of("b", new float[7]), Map.of("b", new long[] {1, 7}))
        .write(file);
    try (Fixture f = new Fixture(1);
        VariableWriter writer = new VariableWriter(f.session, f.store, 10)) {
      assertThatThrownBy(() -> Checkpoint.stream(file, writer))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("parameter b has shape [1, 7], expected [7]");
    }
  }

  @Test
  void aTensorNoVariableHasIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("extra.ckpt");
    new Checkpoint(Map.of(), Map.of("q", new float[2]), Map.of("q", new long[] {2})).write(file);
    try (Fixture f = new Fixture(1);
        VariableWriter writer = new VariableWriter(f.session, f.store, 10)) {
      assertThatThrownBy(() -> Checkpoint.stream(file, writer))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no parameter named q in this graph");
    }
  }
}
