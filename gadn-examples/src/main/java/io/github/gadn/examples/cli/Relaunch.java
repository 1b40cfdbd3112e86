package io.github.gadn.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gadn} in a child JVM whose environment has {@code TF_ENABLE_ONEDNN_OPTS=0}. The
 * TensorFlow natives read that variable once, when they load, and Java cannot set its own
 * environment; without the oneDNN graph rewrite, and with convolution gradients from forward
 * kernels, training runs about twice as fast on CPU (docs/performance.md). Setting the variable
 * yourself (to any value) skips the relaunch, as does {@code -Dgadn.relaunch=false}.
 */
final class Relaunch {
  static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

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

  /** The child's command line: this JVM's options (no debug agents), class path, main class. */
  static List<String> command(String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")
          && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-Xdebug")) {
        cmd.add(arg);
      }
    }
    cmd.add("-D" + CHILD_PROPERTY + "=true");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /** Runs the child with this process's standard streams and returns its exit code. */
  static int run(String[] args) {
    ProcessBuilder pb = new ProcessBuilder(command(Gadn.class.getName(), List.of(args))).inheritIO();
    pb.environment().put(VARIABLE, "0");
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
