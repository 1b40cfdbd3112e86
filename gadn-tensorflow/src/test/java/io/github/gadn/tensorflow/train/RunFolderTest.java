package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.CorruptCheckpointException;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the checkpoint to resume, free space, writability and leftovers of killed writes. */
class RunFolderTest {

  private static void checkpoint(Path file, long iteration) throws Exception {
    new Checkpoint(
            Map.of("stage", "stage1", "iteration", Long.toString(iteration)),
            Map.of("w", new float[] {iteration}),
            Map.of("w", new long[] {1}))
        .write(file);
  }

  private static void truncate(Path file) throws Exception {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length / 2));
  }

  private static RunFolder folderWithCorruptLast(Path dir) throws Exception {
    RunFolder folder = new RunFolder(dir.resolve("run"));
    checkpoint(folder.numbered(10), 10);
    checkpoint(folder.numbered(20), 20);
    checkpoint(folder.numbered(30), 30);
    checkpoint(folder.last(), 35);
    truncate(folder.last());
    truncate(folder.numbered(30));
    return folder;
  }

  @Test
  void aCorruptCheckpointFailsNamingItWithoutFallback(@TempDir Path dir) throws Exception {
    RunFolder folder = folderWithCorruptLast(dir);
    assertThatThrownBy(() -> folder.load("last", false))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageStartingWith("checkpoint " + folder.last() + " cannot be loaded: ");
  }

  @Test
  void fallbackTakesTheNewestIntactNumberedCheckpoint(@TempDir Path dir) throws Exception {
    RunFolder folder = folderWithCorruptLast(dir);
    RunFolder.Loaded loaded = folder.load("last", true);
    assertThat(loaded.file()).isEqualTo(folder.numbered(20));
    assertThat(loaded.header().metadata()).containsEntry("iteration", "20");
  }

  @Test
  void fallbackFromANumberedCheckpointOnlyGoesBack(@TempDir Path dir) throws Exception {
    RunFolder folder = folderWithCorruptLast(dir);
    truncate(folder.numbered(20));
    assertThat(folder.load("20", true).file()).isEqualTo(folder.numbered(10));
    assertThat(folder.load("25", true).file()).isEqualTo(folder.numbered(10));
  }

  @Test
  void fallbackWithNothingIntactSaysSo(@TempDir Path dir) throws Exception {
    RunFolder folder = folderWithCorruptLast(dir);
    truncate(folder.numbered(10));
    truncate(folder.numbered(20));
    assertThatThrownBy(() -> folder.load("last", true))
        .hasMessageStartingWith("checkpoint " + folder.last() + " cannot be loaded: ")
        .hasMessageEndingWith("; no intact numbered checkpoint to fall back to");
  }

  @Test
  void aMissingCheckpointListsThosePresent(@TempDir Path dir) throws Exception {
    RunFolder folder = folderWithCorruptLast(dir);
    assertThatThrownBy(() -> folder.load("40", false))
        .hasMessage("checkpoint " + folder.numbered(40) + " does not exist (" + folder.root()
            + " holds last and numbered checkpoints [10, 20, 30])");
  }

  @Test
  void onlyTheTemporariesOfKilledWritesAreDeleted(@TempDir Path dir) throws Exception {
    RunFolder folder = new RunFolder(dir);
    checkpoint(folder.last(), 1);
    Path stale = Files.writeString(folder.models().resolve(".last.ckpt.8841950.tmp"), "half");
    Path staleGrid = Files.writeString(Files.createDirectories(dir.resolve("samples"))
        .resolve(".7.png.31.tmp"), "half");
    Path user = Files.writeString(dir.resolve("notes.tmp"), "mine");
    assertThat(folder.deleteTemporaries()).isEqualTo(2);
    assertThat(stale).doesNotExist();
    assertThat(staleGrid).doesNotExist();
    assertThat(user).exists();
    assertThat(folder.last()).exists();
  }

  @Test
  void tooLittleFreeSpaceIsReportedWithTheNumbers(@TempDir Path dir) throws Exception {
    RunFolder folder = new RunFolder(dir);
    folder.ensureSpace(1 << 20, "one small checkpoint");
    assertThatThrownBy(() -> folder.ensureSpace(1L << 60, "two checkpoints of huge size"))
        .hasMessageStartingWith("run folder " + dir + " has ")
        .hasMessageContaining(" MiB free but needs 1099511627776.0 MiB for two checkpoints of huge size");
  }

  @Test
  void aSavePathBelowAFileIsNotWritable(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    RunFolder folder = new RunFolder(file.resolve("run"));
    assertThatThrownBy(folder::ensureWritable)
        .hasMessageStartingWith("run folder " + file.resolve("run") + " is not writable (");
  }
}
