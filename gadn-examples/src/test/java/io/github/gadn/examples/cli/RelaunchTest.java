package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of the relaunched training JVM, and that a user's own choices win. */
class RelaunchTest {

  @Test
  void aPlainCommandLineGetsTheSerialCollectorAndASmallInitialHeap() {
    assertThat(Relaunch.memoryOptions(List.of("-Dfoo=1")))
        .containsExactly(
            "-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aCollectorChosenByTheUserIsKept() {
    assertThat(Relaunch.memoryOptions(List.of("-XX:+UseG1GC")))
        .containsExactly("-Xms16m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void anInitialHeapChosenByTheUserIsKept() {
    assertThat(Relaunch.memoryOptions(List.of("-Xms2g")))
        .containsExactly("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
    assertThat(Relaunch.memoryOptions(List.of("-XX:InitialHeapSize=1g")))
        .containsExactly("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aHeapFreeRatioChosenByTheUserKeepsBothRatiosAtTheirChoice() {
    // Adding only the other ratio could contradict the user's (Min must not exceed Max).
    assertThat(Relaunch.memoryOptions(List.of("-XX:MinHeapFreeRatio=40")))
        .containsExactly("-XX:+UseSerialGC", "-Xms16m");
    assertThat(Relaunch.memoryOptions(List.of("-XX:MaxHeapFreeRatio=90")))
        .containsExactly("-XX:+UseSerialGC", "-Xms16m");
  }

  @Test
  void theChildTurnsTheRewriteOffAndTheBfcAllocatorOn() {
    Map<String, String> env = new HashMap<>();
    Relaunch.configure(env, "0");
    assertThat(env)
        .containsEntry("TF_ENABLE_ONEDNN_OPTS", "0")
        .containsEntry("TF_CPU_ALLOCATOR_USE_BFC", "true");
  }

  @Test
  void anAllocatorChoiceOfTheUserIsKept() {
    Map<String, String> env = new HashMap<>(Map.of("TF_CPU_ALLOCATOR_USE_BFC", "false"));
    Relaunch.configure(env, "0");
    assertThat(env).containsEntry("TF_CPU_ALLOCATOR_USE_BFC", "false");
  }
}
