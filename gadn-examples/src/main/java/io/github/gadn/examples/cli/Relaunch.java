package io.github.gadn.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gadn} in a child JVM set up for training on CPU (docs/performance.md). The
 * TensorFlow natives read their settings from the environment once, when they load, and Java
 * cannot set its own environment, so the child gets:
 *
 * <ul>
 *   <li>{@code TF_ENABLE_ONEDNN_OPTS=0}: without the oneDNN graph rewrite, and with convolution
 *       gradients from forward kernels, training runs about twice as fast;
 *   <li>{@code TF_CPU_ALLOCATOR_USE_BFC=true} (unless set): TensorFlow's best-fit allocator
 *       instead of {@code malloc} for tensors — less fragmentation and no page faults for
 *       recycled activations (stage 1 at 32 px: about 70 MiB less peak memory and 10–20 %
 *       faster);
 *   <li>{@code -XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20} (each
 *       unless the command line makes that choice itself; see {@link #memoryOptions}): the heap
 *       then grows only as far as the live data needs; with the JVM's default collector, initial
 *       heap (1/64 of the machine's memory) and headroom the data pipeline's short-lived arrays
 *       keep hundreds of MiB of heap resident;
 *   <li>{@code -XX:TrimNativeHeapInterval=1000} (on Linux, where the JVM has the option — JDK
 *       17.0.9 and later — and unless the command line sets it): the JVM returns the C heap's free
 *       pages to the system every second. Building the graph, creating its executors in the first
 *       step and Eigen's packing buffers leave tens of MiB free but resident in {@code malloc}'s
 *       arenas (a {@code gadn stage1} run: −60…−70 MiB at 32 px, −50…−90 MiB at 64 px; no
 *       measurable cost);
 *   <li>{@code TF_CPP_MIN_LOG_LEVEL=1} (unless set): no INFO lines from the natives, such as one
 *       line per hand-written gradient while the graph is built.
 * </ul>
 *
 * <p>Setting {@code TF_ENABLE_ONEDNN_OPTS} yourself (to any value) skips the relaunch, as does
 * {@code -Dgadn.relaunch=false}; library users set these in their own launch scripts.
 */
final class Relaunch {
  static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  /** TensorFlow's switch for its best-fit (BFC) CPU allocator. */
  static final String BFC_VARIABLE = "TF_CPU_ALLOCATOR_USE_BFC";

  /** TensorFlow's threshold for its native log lines (0 INFO, 1 WARNING, 2 ERROR). */
  static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

  /** The JVM option that trims the C heap periodically, and the period the child gets. */
  static final String TRIM_OPTION = "-XX:TrimNativeHeapInterval=1000";

  /** System property that marks the relaunched child. */
  static final String CHILD_PROPERTY = "gadn.relaunched";

  private Relaunch() {}

  /**
   * In the relaunched child: when the parent JVM dies, even by {@code kill -9}, exit through the
   * shutdown hooks (a training command then saves {@code last}) instead of training on as an
   * orphan nobody can see or stop.
   */
  static void exitWithParent() {
    if (!"true".equals(System.getProperty(CHILD_PROPERTY))) {
      return;
    }
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("gadn: the launching process ended; stopping");
      System.exit(130);
    }));
  }

  static boolean wanted() {
    return System.getenv(VARIABLE) == null
        && !"false".equals(System.getProperty("gadn.relaunch"));
  }

  /**
   * The child's command line: this JVM's options (no debug agents), {@link #memoryOptions}, class
   * path, main class.
   */
  static List<String> command(String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> inherited = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")
          && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-Xdebug")) {
        inherited.add(arg);
      }
    }
    cmd.addAll(memoryOptions(inherited));
    cmd.addAll(inherited);
    cmd.add("-D" + CHILD_PROPERTY + "=true");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * The JVM options a training child gets unless {@code given} (the options of this JVM) already
   * chooses: {@code -XX:+UseSerialGC} unless a collector is named, {@code -Xms16m} unless an
   * initial heap is, and {@code -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20} unless either
   * ratio is (the heap then grows by less than the default 40 % headroom each time the batches
   * that survive a young collection fill the old generation: −100 MiB at 64 px). No {@code -Xmx}:
   * JavaCPP caps native memory at a multiple of the maximum heap.
   */
  static List<String> memoryOptions(List<String> given) {
    return memoryOptions(given, jvmTrimsNativeHeap());
  }

  /**
   * {@link #memoryOptions(List)} with the JVM's support for {@code -XX:TrimNativeHeapInterval}
   * given: {@link #TRIM_OPTION} is added where {@code trimAvailable} and the command line does not
   * set the interval itself.
   */
  static List<String> memoryOptions(List<String> given, boolean trimAvailable) {
    List<String> out = new ArrayList<>();
    if (given.stream().noneMatch(Relaunch::choosesCollector)) {
      out.add("-XX:+UseSerialGC");
    }
    if (given.stream().noneMatch(a -> a.startsWith("-Xms") || a.startsWith("-XX:InitialHeapSize"))) {
      out.add("-Xms16m");
    }
    if (given.stream().noneMatch(Relaunch::choosesHeapFreeRatio)) {
      out.add("-XX:MinHeapFreeRatio=5");
      out.add("-XX:MaxHeapFreeRatio=20");
    }
    if (trimAvailable && given.stream().noneMatch(Relaunch::choosesNativeHeapTrim)) {
      out.add(TRIM_OPTION);
    }
    return out;
  }

  /** Whether a JVM option sets {@code -XX:TrimNativeHeapInterval}. */
  static boolean choosesNativeHeapTrim(String option) {
    return option.startsWith("-XX:TrimNativeHeapInterval=");
  }

  /**
   * Whether a child started from this JVM's {@code java} can trim the C heap: Linux (glibc's
   * {@code malloc_trim}; elsewhere the JVM would only warn) and a JVM that knows {@code
   * -XX:TrimNativeHeapInterval} (an older one would refuse to start with it).
   */
  static boolean jvmTrimsNativeHeap() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return false;
    }
    try {
      ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption("TrimNativeHeapInterval");
      return true;
    } catch (RuntimeException e) {
      // IllegalArgumentException: no such option; others: no HotSpot diagnostic bean.
      return false;
    }
  }

  /** Whether a JVM option sets {@code -XX:MinHeapFreeRatio} or {@code -XX:MaxHeapFreeRatio}. */
  static boolean choosesHeapFreeRatio(String option) {
    return option.matches("-XX:M(in|ax)HeapFreeRatio=.*");
  }

  /** Whether a JVM option picks (or rules out) a garbage collector, e.g. {@code -XX:+UseG1GC}. */
  static boolean choosesCollector(String option) {
    return option.matches("-XX:[+-]Use\\w*GC");
  }

  /**
   * Sets the natives' variables of a child's environment: {@code TF_ENABLE_ONEDNN_OPTS} to
   * {@code onednn}, {@code TF_CPU_ALLOCATOR_USE_BFC=true} and {@code TF_CPP_MIN_LOG_LEVEL=1}
   * unless already set.
   */
  static void configure(java.util.Map<String, String> environment, String onednn) {
    environment.put(VARIABLE, onednn);
    configureNatives(environment);
  }

  /**
   * The natives' variables every training child gets (also {@code bench}'s case JVMs), each unless
   * already set: {@code TF_CPU_ALLOCATOR_USE_BFC=true}, {@code TF_CPP_MIN_LOG_LEVEL=1}.
   */
  static void configureNatives(java.util.Map<String, String> environment) {
    environment.putIfAbsent(BFC_VARIABLE, "true");
    environment.putIfAbsent(LOG_LEVEL_VARIABLE, "1");
  }

  /** Runs the child with this process's standard streams and returns its exit code. */
  static int run(String[] args) {
    ProcessBuilder pb = new ProcessBuilder(command(Gadn.class.getName(), List.of(args))).inheritIO();
    configure(pb.environment(), "0");
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      System.err.println("gadn: cannot start a JVM with " + VARIABLE + "=0 (" + e.getMessage()
          + "); set the variable yourself to skip this step");
      return 1;
    }
    // Ctrl-C reaches both JVMs; a SIGTERM for this one is passed on. Either way wait until the
    // child has finished (a training command saves its "last" checkpoint first).
    Thread hook =
        new Thread(
            () -> {
              if (child.isAlive()) {
                child.destroy();
                try {
                  child.waitFor(150, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "gadn-relaunch");
    Runtime.getRuntime().addShutdownHook(hook);
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the child decides when the command ends
      }
    }
  }
}
