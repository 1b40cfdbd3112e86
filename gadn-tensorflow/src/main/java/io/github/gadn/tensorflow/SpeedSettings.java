package io.github.gadn.tensorflow;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process settings behind the measured CPU speed and memory (README, "Speed and memory";
 * docs/performance.md), and one INFO line naming those a process runs without.
 *
 * <p>The TensorFlow natives read their variables once, when they load, and a JVM cannot change
 * its own environment or flags, so the library cannot apply them itself: the {@code gadn}
 * command relaunches itself with them, and a library user sets them in the launch script:
 *
 * <ul>
 *   <li>{@code TF_ENABLE_ONEDNN_OPTS=0}: convolution gradients from forward kernels, 1.2–2×
 *       faster training on CPU;
 *   <li>{@code TF_CPU_ALLOCATOR_USE_BFC=true}: TensorFlow's best-fit allocator, less memory and
 *       faster;
 *   <li>{@code -XX:TrimNativeHeapInterval=1000} (Linux, JDK 17.0.9 and later): free C-heap pages
 *       go back to the system;
 *   <li>a serial collector with a small initial heap ({@code -XX:+UseSerialGC -Xms16m
 *       -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20}): the Java heap stays as small as the
 *       live data.
 * </ul>
 */
final class SpeedSettings {
  private static final Logger log = LoggerFactory.getLogger(SpeedSettings.class);
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private SpeedSettings() {}

  /**
   * The recommended settings a process with this environment and these JVM arguments lacks, each
   * as the text to add ({@code TF_ENABLE_ONEDNN_OPTS=0}, {@code -XX:+UseSerialGC} …); empty when
   * nothing is missing. A setting the user chose otherwise (any value of a variable, any
   * collector) counts as chosen.
   */
  static List<String> missing(Map<String, String> environment, List<String> jvmArguments,
      String osName) {
    List<String> missing = new ArrayList<>();
    if (!environment.containsKey("TF_ENABLE_ONEDNN_OPTS")) {
      missing.add("TF_ENABLE_ONEDNN_OPTS=0");
    }
    if (!environment.containsKey("TF_CPU_ALLOCATOR_USE_BFC")) {
      missing.add("TF_CPU_ALLOCATOR_USE_BFC=true");
    }
    if (osName.toLowerCase(Locale.ROOT).contains("linux")
        && jvmArguments.stream().noneMatch(a -> a.startsWith("-XX:TrimNativeHeapInterval"))) {
      missing.add("-XX:TrimNativeHeapInterval=1000");
    }
    if (jvmArguments.stream().noneMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"))) {
      missing.add("-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20");
    }
    return missing;
  }

  /** Logs, once per process, which recommended settings this process runs without. */
  static void reportOnce() {
    if (!REPORTED.compareAndSet(false, true)) {
      return;
    }
    List<String> missing = missing(System.getenv(),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("os.name"));
    if (!missing.isEmpty()) {
      log.info("Running without the settings the measured CPU speed and memory need: {} "
          + "(set them where the JVM is launched; README, \"Speed and memory\")",
          String.join(", ", missing));
    }
  }
}
