package io.github.gadn.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedSettingsTest {
  private static final List<String> TUNED_JVM = List.of(
      "-XX:+UseSerialGC", "-Xms16m", "-XX:TrimNativeHeapInterval=1000");
  private static final Map<String, String> TUNED_ENV = Map.of(
      "TF_ENABLE_ONEDNN_OPTS", "0", "TF_CPU_ALLOCATOR_USE_BFC", "true");

  @Test
  void aPlainLinuxJvmLacksEverySetting() {
    assertThat(SpeedSettings.missing(Map.of(), List.of(), "Linux")).containsExactly(
        "TF_ENABLE_ONEDNN_OPTS=0", "TF_CPU_ALLOCATOR_USE_BFC=true",
        "-XX:TrimNativeHeapInterval=1000",
        "-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20");
  }

  @Test
  void aTunedLinuxJvmLacksNothing() {
    assertThat(SpeedSettings.missing(TUNED_ENV, TUNED_JVM, "Linux")).isEmpty();
  }

  @Test
  void aUsersOwnChoicesCountAsChosen() {
    assertThat(SpeedSettings.missing(
        Map.of("TF_ENABLE_ONEDNN_OPTS", "1", "TF_CPU_ALLOCATOR_USE_BFC", "false"),
        List.of("-XX:+UseG1GC", "-XX:TrimNativeHeapInterval=0"), "Linux")).isEmpty();
  }

  @Test
  void theHeapTrimIsAskedForOnLinuxOnly() {
    assertThat(SpeedSettings.missing(TUNED_ENV, List.of("-XX:+UseSerialGC"), "Mac OS X")).isEmpty();
    assertThat(SpeedSettings.missing(TUNED_ENV, List.of("-XX:+UseSerialGC"), "Linux"))
        .containsExactly("-XX:TrimNativeHeapInterval=1000");
  }
}
