package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of the relaunched training JVM, and that a user's own choices win. */
class RelaunchTest {

  @Test
  void aPlainCommandLineGetsTheSerialCollectorAndASmallInitialHeap() {
    assertThat(Relaunch.memoryOptions(List.of("-Dfoo=1"), false))
        .containsExactly(
            "-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aCollectorChosenByTheUserIsKept() {
    assertThat(Relaunch.memoryOptions(List.of("-XX:+UseG1GC"), false))
        .containsExactly("-Xms16m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void anInitialHeapChosenByTheUserIsKept() {
    assertThat(Relaunch.memoryOptions(List.of("-Xms2g"), false))
        .containsExactly("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
    assertThat(Relaunch.memoryOptions(List.of("-XX:InitialHeapSize=1g"), false))
        .containsExactly("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aHeapFreeRatioChosenByTheUserKeepsBothRatiosAtTheirChoice() {
    // Adding only the other ratio could contradict the user's (Min must not exceed Max).
    assertThat(Relaunch.memoryOptions(List.of("-XX:MinHeapFreeRatio=40"), false))
        .containsExactly("-XX:+UseSerialGC", "-Xms16m");
    assertThat(Relaunch.memoryOptions(List.of("-XX:MaxHeapFreeRatio=90"), false))
        .containsExactly("-XX:+UseSerialGC", "-Xms16m");
  }

  @Test
  void whereTheJvmCanTrimTheCHeapTheChildTrimsItEverySecond() {
    assertThat(Relaunch.memoryOptions(List.of("-Dfoo=1"), true))
        .containsExactly(
            "-XX:+UseSerialGC",
            "-Xms16m",
            "-XX:MinHeapFreeRatio=5",
            "-XX:MaxHeapFreeRatio=20",
            "-XX:TrimNativeHeapInterval=1000");
  }

  @Test
  void aTrimIntervalChosenByTheUserIsKept() {
    assertThat(Relaunch.memoryOptions(List.of("-XX:TrimNativeHeapInterval=0"), true))
        .containsExactly(
            "-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aJvmSaidToTrimTheCHeapStartsWithTheTrimOption() throws Exception {
    // The detection must never hand a child an option its JVM refuses: that child would not start.
    assumeTrue(Relaunch.jvmTrimsNativeHeap(), "this JVM has no -XX:TrimNativeHeapInterval");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Relaunch.TRIM_OPTION,
                "-version")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).doesNotContain("Unrecognized").doesNotContain("not supported");
  }

  @Test
  void aLinuxJdkWithTheBackportIsDetectedAsTrimming() {
    Runtime.Version v = Runtime.version();
    boolean hasOption =
        (v.feature() == 17 && v.update() >= 9) || (v.feature() == 21 && v.update() >= 1)
            || v.feature() >= 22;
    assumeTrue(
        hasOption && System.getProperty("os.name").startsWith("Linux"),
        "not a Linux JDK with -XX:TrimNativeHeapInterval");
    assertThat(Relaunch.jvmTrimsNativeHeap()).isTrue();
  }

  @Test
  void theChildTurnsTheRewriteOffTheBfcAllocatorOnAndTheNativeInfoLinesOff() {
    Map<String, String> env = new HashMap<>();
    Relaunch.configure(env, "0");
    assertThat(env)
        .containsEntry("TF_ENABLE_ONEDNN_OPTS", "0")
        .containsEntry("TF_CPU_ALLOCATOR_USE_BFC", "true")
        .containsEntry("TF_CPP_MIN_LOG_LEVEL", "1");
  }

  @Test
  void aNativeLogLevelOfTheUserIsKept() {
    Map<String, String> env = new HashMap<>(Map.of("TF_CPP_MIN_LOG_LEVEL", "0"));
    Relaunch.configure(env, "0");
    assertThat(env).containsEntry("TF_CPP_MIN_LOG_LEVEL", "0");
  }

  @Test
  void anAllocatorChoiceOfTheUserIsKept() {
    Map<String, String> env = new HashMap<>(Map.of("TF_CPU_ALLOCATOR_USE_BFC", "false"));
    Relaunch.configure(env, "0");
    assertThat(env).containsEntry("TF_CPU_ALLOCATOR_USE_BFC", "false");
  }
}
