package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log.csv after a kill: complete rows up to the resumed iteration survive, nothing else. */
class LossLogTest {
  private static final List<String> COLUMNS = List.of("rec", "cla");

  @Test
  void reopeningDropsATornLastRowAndRowsAfterTheResumedCheckpoint(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("log.csv");
    Files.writeString(file, "iter,rec,cla\n1,0.5,0.7\n2,0.4,0.7\n3,0.3,0.6\n4,0.2,0.6\n5,0.1");
    try (LossLog log = new LossLog(file, COLUMNS, 3)) {
      log.append(4, new double[] {0.25, 0.5});
    }
    assertThat(Files.readAllLines(file))
        .containsExactly("iter,rec,cla", "1,0.5,0.7", "2,0.4,0.7", "3,0.3,0.6", "4,0.250000,0.500000");
  }

  @Test
  void aTornRowThatLooksLikeAnEarlierIterationIsDropped(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.csv");
    // "1" is the first byte of a row "12,…" cut by the kill; it must not pass for row 1.
    Files.writeString(file, "iter,rec,cla\n10,0.5,0.7\n11,0.4,0.7\n1");
    new LossLog(file, COLUMNS, 20).close();
    assertThat(Files.readAllLines(file)).containsExactly("iter,rec,cla", "10,0.5,0.7", "11,0.4,0.7");
  }

  @Test
  void rowsReachTheFileWholeAtFlushAndSync(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.csv");
    try (LossLog log = new LossLog(file, COLUMNS, 0)) {
      log.append(1, new double[] {1, 2});
      assertThat(Files.readAllLines(file)).containsExactly("iter,rec,cla");
      log.flush();
      log.append(2, new double[] {3, 4});
      log.sync();
      assertThat(Files.readAllLines(file))
          .containsExactly("iter,rec,cla", "1,1.00000,2.00000", "2,3.00000,4.00000");
    }
  }
}
