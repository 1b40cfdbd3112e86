package io.github.gadn.tensorflow.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: atomic writes, checksum, and a message naming every kind of bad file. */
class CheckpointFileTest {

  private static Checkpoint sample() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    float[] w = new float[300];
    for (int i = 0; i < w.length; i++) {
      w[i] = i * 0.25f - 7;
    }
    tensors.put("enc/w", w);
    shapes.put("enc/w", new long[] {10, 30});
    tensors.put("step", new float[] {3});
    shapes.put("step", new long[] {});
    return new Checkpoint(Map.of("stage", "stage1", "iteration", "3"), tensors, shapes);
  }

  @Test
  void roundTripsExactlyAndFileSizeIsTheWrittenSize(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.ckpt");
    Checkpoint c = sample();
    c.write(file);
    assertThat(Files.size(file)).isEqualTo(c.fileSize());
    Checkpoint back = Checkpoint.read(file);
    assertThat(back.metadata()).isEqualTo(c.metadata());
    assertThat(back.tensors().get("enc/w")).containsExactly(c.tensors().get("enc/w"));
    assertThat(back.shapes().get("enc/w")).containsExactly(10, 30);
  }

  /** A large tensor, so that streaming crosses its 16 Ki-float slices. */
  private static Checkpoint large() {
    float[] w = new float[40_000];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(i);
    }
    Map<String, float[]> tensors = new LinkedHashMap<>(sample().tensors());
    Map<String, long[]> shapes = new LinkedHashMap<>(sample().shapes());
    tensors.put("gen/w", w);
    shapes.put("gen/w", new long[] {200, 200});
    return new Checkpoint(Map.of("stage", "stage1"), tensors, shapes);
  }

  @Test
  void aStreamedWriteIsByteForByteTheFileOfTheSameCheckpoint(@TempDir Path dir) throws Exception {
    Checkpoint c = large();
    Path whole = dir.resolve("whole.ckpt");
    c.write(whole);
    Path streamed = dir.resolve("streamed.ckpt");
    Checkpoint.write(
        streamed, c.metadata(), c.shapes(),
        (name, offset, dst, length) -> {
          float[] v = c.tensors().get(name);
          for (int i = 0; i < length; i++) {
            dst[i] = v[(int) offset + i];
          }
        });
    assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
    assertThat(Checkpoint.fileSize(c.metadata(), c.shapes())).isEqualTo(Files.size(whole));
  }

  @Test
  void streamingHandsOutEveryTensorInFileOrderWithItsValues(@TempDir Path dir) throws Exception {
    Checkpoint c = large();
    Path file = dir.resolve("a.ckpt");
    c.write(file);
    Map<String, float[]> seen = new LinkedHashMap<>();
    Checkpoint.Header header =
        Checkpoint.stream(
            file,
            (name, shape, values) -> {
              float[] v = new float[c.tensors().get(name).length];
              // two uneven reads, to check the reader keeps its place
              int first = Math.min(7, v.length);
              values.read(v, 0, first);
              values.read(v, first, v.length - first);
              seen.put(name, v);
            });
    assertThat(seen.keySet()).containsExactly("enc/w", "step", "gen/w");
    for (String name : seen.keySet()) {
      assertThat(seen.get(name)).as(name).containsExactly(c.tensors().get(name));
    }
    assertThat(header.metadata()).isEqualTo(c.metadata());
    assertThat(header.shapes().get("gen/w")).containsExactly(200, 200);
  }

  @Test
  void valuesASinkLeavesUnreadAreSkipped(@TempDir Path dir) throws Exception {
    Checkpoint c = large();
    Path file = dir.resolve("a.ckpt");
    c.write(file);
    float[] last = new float[3];
    Checkpoint.stream(
        file,
        (name, shape, values) -> {
          if (name.equals("gen/w")) {
            values.read(last, 0, 3);
          }
        });
    assertThat(last).containsExactly(Arrays.copyOf(c.tensors().get("gen/w"), 3));
  }

  @Test
  void aCorruptFileReachesNoSink(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.ckpt");
    large().write(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 1;
    Files.write(file, bytes);
    List<String> seen = new java.util.ArrayList<>();
    assertThatThrownBy(() -> Checkpoint.stream(file, (name, shape, values) -> seen.add(name)))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("checksum");
    assertThat(seen).isEmpty();
  }

  @Test
  void theHeaderOfAVerifiedFileHasItsMetadataAndShapes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.ckpt");
    sample().write(file);
    Checkpoint.Header h = Checkpoint.readHeader(file);
    assertThat(h.metadata()).containsEntry("iteration", "3");
    assertThat(h.shapes().keySet()).containsExactly("enc/w", "step");
    assertThat(h.shapes().get("step")).isEmpty();
  }

  @Test
  void streamingAVerifiedHeaderNoticesAFileReplacedSince(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("last.ckpt");
    sample().write(file);
    Checkpoint.Header verified = Checkpoint.readHeader(file);
    large().write(file);
    assertThatThrownBy(() -> Checkpoint.stream(file, verified, (name, shape, values) -> {}))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("it changed while it was being read");
    sample().write(file);
    assertThat(Checkpoint.stream(file, verified, (name, shape, values) -> {}).metadata())
        .isEqualTo(verified.metadata());
  }

  @Test
  void aFilteredReadKeepsOnlyTheAcceptedTensors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.ckpt");
    large().write(file);
    Checkpoint kept = Checkpoint.read(file, name -> name.startsWith("gen/"));
    assertThat(kept.tensors().keySet()).containsExactly("gen/w");
    assertThat(kept.shapes().keySet()).containsExactly("gen/w");
    assertThat(kept.tensors().get("gen/w")).containsExactly(large().tensors().get("gen/w"));
    assertThat(kept.metadata()).containsEntry("stage", "stage1");
  }

  @Test
  void optimizerSlotsAreTheTensorsUnderOpt() {
    assertThat(Checkpoint.notOptimizerSlot("opt/enc/enc/L0/w/m")).isFalse();
    assertThat(Checkpoint.notOptimizerSlot("enc/L0/w")).isTrue();
  }

  @Test
  void everyTruncationIsReportedNamingTheFile(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.ckpt");
    sample().write(good);
    byte[] all = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.ckpt");
    for (int length : List.of(0, 5, 20, 40, all.length / 2, all.length - 9, all.length - 1)) {
      Files.write(cut, Arrays.copyOf(all, length));
      assertThatThrownBy(() -> Checkpoint.read(cut))
          .as("cut at %s of %s bytes", length, all.length)
          .isInstanceOf(CorruptCheckpointException.class)
          .hasMessageStartingWith("checkpoint " + cut + " cannot be loaded: ");
    }
  }

  @Test
  void aFlippedBitFailsTheChecksum(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("flip.ckpt");
    sample().write(file);
    byte[] all = Files.readAllBytes(file);
    all[all.length - 100] ^= 0x10; // inside enc/w's values
    Files.write(file, all);
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessage("checkpoint " + file + " cannot be loaded: its checksum does not match (corrupt)");
  }

  @Test
  void anotherFileTypeIsNamedAsNotACheckpoint(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("options.ckpt");
    Files.writeString(file, "{\"stage\": \"stage1\", \"niter\": 1000000}");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .hasMessage("checkpoint " + file + " cannot be loaded: it is not a gadn checkpoint (bad magic)");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("models/9.ckpt");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(java.io.FileNotFoundException.class)
        .hasMessage("checkpoint " + file + " does not exist");
  }

  @Test
  void aWriteThatFailsHalfwayLeavesThePreviousFileAndNoTemporary(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("last.ckpt");
    sample().write(file);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("No space left on device");
                    }))
        .hasMessage("No space left on device");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
