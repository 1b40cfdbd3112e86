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

  /**
   * Creates an empty graph whose ops are placed on the run's device ({@code /CPU:n} or {@code
   * /GPU:n}). With soft placement on, an op without a kernel for that device (or a GPU device with
   * the CPU natives) runs on the CPU instead of failing.
   */
  public GraphSession(RunOptions run) {
    this.run = run;
    this.graph = new Graph();
    this.ops = Ops.create(graph).withDevice(device(run.device()));
  }

  /** The device spec of {@code /CPU:n} or {@code /GPU:n} (validated by {@link RunOptions}). */
  static DeviceSpec device(String device) {
    String upper = device.toUpperCase(java.util.Locale.ROOT);
    int index = Integer.parseInt(upper.substring(upper.indexOf(':') + 1));
    return DeviceSpec.newBuilder()
        .deviceType(upper.startsWith("/GPU") ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
        .deviceIndex(index)
        .build();
  }

  /**
   * Whether the networks use forward convolution kernels only ({@code Nn.withForwardConvs}):
   * {@code FORWARD} yes, {@code ENGINE} no, {@code AUTO} when the natives run without their
   * oneDNN graph rewrite ({@code TF_ENABLE_ONEDNN_OPTS=0}) — measured (docs/performance.md): with
   * the rewrite on, its backward kernels are as fast as its forward ones and the forward
   * formulation only adds transposes; without it, TensorFlow's own forward kernels are about
   * twice as fast as its backward ones.
   */
  public static boolean forwardConvs(RunOptions run) {
    switch (run.convKernels()) {
      case FORWARD:
        return true;
      case ENGINE:
        return false;
      default:
        return !oneDnnRewrite();
    }
  }

  /** Whether the natives apply their oneDNN graph rewrite (on unless the variable turns it off). */
  public static boolean oneDnnRewrite() {
    String v = System.getenv("TF_ENABLE_ONEDNN_OPTS");
    return v == null || !(v.equals("0") || v.equalsIgnoreCase("false"));
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
