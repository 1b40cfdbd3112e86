package io.github.gadn.tensorflow.train;

import io.github.gadn.config.RunOptions;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** A graph and its session, configured from {@link RunOptions}; closes both. */
public final class GraphSession implements AutoCloseable {
  private final Graph graph;
  private final Ops ops;
  private Session session;
  private final RunOptions run;

  /** Creates an empty graph whose ops are placed on the run's device. */
  public GraphSession(RunOptions run) {
    this.run = run;
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    if (run.device().toUpperCase(java.util.Locale.ROOT).startsWith("/GPU")) {
      int index = Integer.parseInt(run.device().substring(run.device().indexOf(':') + 1));
      tf =
          tf.withDevice(
              DeviceSpec.newBuilder()
                  .deviceType(DeviceSpec.DeviceType.GPU)
                  .deviceIndex(index)
                  .build());
    }
    this.ops = tf;
  }

  /** The graph's ops (device-placed). */
  public Ops ops() {
    return ops;
  }

  /** The graph. */
  public Graph graph() {
    return graph;
  }

  /** The session, created on first use after the graph is complete. */
  public synchronized Session session() {
    if (session == null) {
      ConfigProto config =
          ConfigProto.newBuilder()
              .setIntraOpParallelismThreads(run.intraOpThreads())
              .setInterOpParallelismThreads(run.interOpThreads())
              .setAllowSoftPlacement(true)
              .build();
      session = new Session(graph, config);
    }
    return session;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
    graph.close();
  }
}
