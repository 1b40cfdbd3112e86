package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class IdxTest {
  @TempDir Path dir;

  /** Images whose pixel p of image i is (i * 16 + p) mod 256. */
  private static IdxFiles.Images images(int count, int side) {
    byte[] px = new byte[count * side * side];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) i;
    }
    return new IdxFiles.Images(count, side, side, px);
  }

  /** Writes raw idx3 bytes by hand, independent of IdxWriter. */
  private static void rawImages(OutputStream out, IdxFiles.Images img) throws Exception {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(0x00000803);
    d.writeInt(img.count());
    d.writeInt(img.rows());
    d.writeInt(img.columns());
    d.write(img.pixels());
    d.flush();
  }

  /** A QMNIST-like table: digit, series, writer, index for writer, class, global index, 0, 0. */
  private static int[][] qmnist(int[] digits, int[] writers) {
    int[][] t = new int[digits.length][];
    for (int i = 0; i < t.length; i++) {
      t[i] = new int[] {digits[i], 4, writers[i], i, 0x30 + digits[i], 1000 + i, 0, 0};
    }
    return t;
  }

  @Test
  void imagesReadFromPlainGzipAndXzHandWrittenFiles() throws Exception {
    IdxFiles.Images img = images(3, 4);
    Path plain = dir.resolve("i-idx3-ubyte");
    try (OutputStream o = Files.newOutputStream(plain)) {
      rawImages(o, img);
    }
    Path gz = dir.resolve("i-idx3-ubyte.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      rawImages(o, img);
    }
    Path xz = dir.resolve("i-idx3-ubyte.xz");
    try (OutputStream o = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
      rawImages(o, img);
    }
    Path misnamed = dir.resolve("compressed-but-plain-name");
    Files.copy(xz, misnamed);
    IdxWriter.writeLabels(dir.resolve("l-idx1-ubyte"), new int[] {7, 3, 7}, IdxWriter.Compression.NONE);
    for (Path p : List.of(plain, gz, xz, misnamed)) {
      IdxDataset d = IdxDataset.read(p, dir.resolve("l-idx1-ubyte"), "digit");
      assertThat(d.size()).isEqualTo(3);
      assertThat(d.imageSize()).isEqualTo(4);
      assertThat(d.classNames()).containsExactly("3", "7");
      assertThat(d.label(0)).isEqualTo(1);
      assertThat(d.label(1)).isZero();
      assertThat(d.rawLabel(1)).isEqualTo(3);
      float[] s = d.sample(1).rgba();
      assertThat(s[0]).isCloseTo(16 / 127.5f - 1, within(1e-6f));
      assertThat(s[1]).isEqualTo(s[0]);
      assertThat(s[2]).isEqualTo(s[0]);
      assertThat(s[3]).isEqualTo(1f);
      assertThat(d.sample(0).weight()).isEmpty();
    }
  }

  @Test
  void writerRoundTripsEveryFormatAndCompression() throws Exception {
    IdxFiles.Images img = images(5, 6);
    int[][] table = qmnist(new int[] {1, 2, 3, 4, 5}, new int[] {9, 9, 2, 2, 131});
    for (IdxWriter.Compression c : IdxWriter.Compression.values()) {
      Path i = dir.resolve("images-" + c);
      Path t = dir.resolve("table-" + c);
      Path l = dir.resolve("labels-" + c);
      IdxWriter.writeImages(i, img, c);
      IdxWriter.writeTable(t, table, c);
      IdxWriter.writeLabels(l, new int[] {0, 255, 1, 2, 3}, c);
      IdxFiles.Images back = IdxFiles.readImages(i);
      assertThat(back.count()).isEqualTo(5);
      assertThat(back.pixels()).isEqualTo(img.pixels());
      assertThat(IdxFiles.readLabels(t)).isDeepEqualTo(table);
      assertThat(IdxFiles.readLabels(l)).isDeepEqualTo(new int[][] {{0}, {255}, {1}, {2}, {3}});
    }
    byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("images-GZIP")), 2);
    assertThat(head).containsExactly((byte) 0x1f, (byte) 0x8b);
    assertThat(IdxWriter.Compression.forName(Path.of("x.xz"))).isEqualTo(IdxWriter.Compression.XZ);
  }

  @Test
  void qmnistLabelsChooseDigitWriterOrAnyColumn() throws Exception {
    IdxWriter.writeImages(dir.resolve("i"), images(5, 4), IdxWriter.Compression.GZIP);
    IdxWriter.writeTable(
        dir.resolve("t"), qmnist(new int[] {1, 2, 3, 4, 1}, new int[] {131, 9, 2, 9, 2}),
        IdxWriter.Compression.XZ);
    IdxDataset digits = IdxDataset.read(dir.resolve("i"), dir.resolve("t"), "digit");
    assertThat(digits.classNames()).containsExactly("1", "2", "3", "4");
    assertThat(digits.classFrequencies()).containsExactly(0.4, 0.2, 0.2, 0.2);
    IdxDataset writers = IdxDataset.read(dir.resolve("i"), dir.resolve("t"), "writer");
    assertThat(writers.classNames()).containsExactly("2", "9", "131");
    assertThat(new int[] {writers.label(0), writers.label(1), writers.label(2), writers.label(3), writers.label(4)})
        .containsExactly(2, 1, 0, 1, 0);
    IdxDataset byClassCode = IdxDataset.read(dir.resolve("i"), dir.resolve("t"), "4");
    assertThat(byClassCode.classNames()).containsExactly("49", "50", "51", "52");
    assertThat(IdxDataset.read(dir.resolve("i"), dir.resolve("t"), "WRITER").classCount()).isEqualTo(3);
    assertThat(digits.fingerprint()).isNotEqualTo(writers.fingerprint());
  }

  @Test
  void optionalImageSizeResizesWithAntialiasing() throws Exception {
    byte[] px = new byte[8 * 8];
    for (int p = 0; p < px.length; p++) {
      px[p] = (byte) (((p / 8) + (p % 8)) % 2 == 0 ? 255 : 0);
    }
    IdxWriter.writeImages(dir.resolve("i"), new IdxFiles.Images(1, 8, 8, px), IdxWriter.Compression.NONE);
    IdxWriter.writeLabels(dir.resolve("l"), new int[] {5}, IdxWriter.Compression.NONE);
    IdxDataset d = IdxDataset.read(dir.resolve("i"), dir.resolve("l"), "digit", 4);
    assertThat(d.imageSize()).isEqualTo(4);
    Sample s = d.sample(0);
    assertThat(s.size()).isEqualTo(4);
    for (int i = 0; i < s.rgba().length; i += 4) {
      assertThat(s.rgba()[i]).as("grey, up to edge effects").isCloseTo(0f, within(0.05f));
    }
    assertThatThrownBy(() -> IdxDataset.read(dir.resolve("i"), dir.resolve("l"), "digit", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("imageSize (--image-size) must be even and >= 0, got 5");
  }

  @Test
  void badFilesAreNamed() throws Exception {
    Path images = dir.resolve("images");
    IdxWriter.writeImages(images, images(3, 4), IdxWriter.Compression.NONE);
    Path two = dir.resolve("two");
    IdxWriter.writeLabels(two, new int[] {1, 2}, IdxWriter.Compression.NONE);
    Path three = dir.resolve("three");
    IdxWriter.writeLabels(three, new int[] {1, 2, 3}, IdxWriter.Compression.NONE);
    Path table = dir.resolve("table");
    IdxWriter.writeTable(table, qmnist(new int[] {1, 2, 3}, new int[] {4, 5, 6}), IdxWriter.Compression.NONE);

    assertThatThrownBy(() -> IdxDataset.read(images, two, "digit"))
        .isInstanceOf(DataException.class)
        .hasMessage("count mismatch: " + images + " has 3 images but " + two + " has 2 labels");
    assertThatThrownBy(() -> IdxDataset.read(images, three, "writer"))
        .isInstanceOf(DataException.class)
        .hasMessage("label column 2 (\"writer\") is out of range: " + three
            + " has 1 column (idx1 labels only hold the digit; writer needs QMNIST idx2-int labels)");
    assertThatThrownBy(() -> IdxDataset.read(images, table, "8"))
        .hasMessage("label column 8 (\"8\") is out of range: " + table + " has 8 columns");
    assertThatThrownBy(() -> IdxDataset.read(three, three, "digit"))
        .isInstanceOf(DataException.class)
        .hasMessage(three + " is not an idx3-ubyte image file (magic 0x00000801, expected 0x00000803); it is a label file");
    assertThatThrownBy(() -> IdxDataset.read(images, images, "digit"))
        .hasMessageContaining(images + " is not an IDX label file (magic 0x00000803")
        .hasMessageEndingWith("it is an image file");
    assertThatThrownBy(() -> IdxDataset.read(dir.resolve("missing"), three, "digit"))
        .isInstanceOf(DataException.class)
        .hasMessage("IDX file " + dir.resolve("missing") + " does not exist");
    assertThatThrownBy(() -> IdxDataset.column("colour"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be digit, writer or a column number, got \"colour\"");
    assertThatThrownBy(() -> IdxDataset.column("-1"))
        .hasMessage("label must be digit, writer or a column number, got \"-1\"");

    byte[] all = Files.readAllBytes(images);
    Path truncated = dir.resolve("truncated");
    Files.write(truncated, Arrays.copyOf(all, all.length - 5));
    assertThatThrownBy(() -> IdxDataset.read(truncated, three, "digit"))
        .isInstanceOf(DataException.class)
        .hasMessage(truncated + " is truncated: the header announces 3 images of 4x4 (48 bytes) but only 43 bytes follow");
    Path header = dir.resolve("header");
    Files.write(header, Arrays.copyOf(all, 6));
    assertThatThrownBy(() -> IdxFiles.readImages(header))
        .hasMessage(header + " is truncated (incomplete header or compressed stream)");
    Path gz = dir.resolve("images.gz");
    IdxWriter.writeImages(gz, images(30, 8), IdxWriter.Compression.GZIP);
    byte[] zipped = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(zipped, zipped.length / 2));
    assertThatThrownBy(() -> IdxFiles.readImages(gz))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(gz.toString());
    byte[] t = Files.readAllBytes(table);
    Path shortTable = dir.resolve("short-table");
    Files.write(shortTable, Arrays.copyOf(t, t.length - 4));
    assertThatThrownBy(() -> IdxFiles.readLabels(shortTable))
        .hasMessage(shortTable + " is truncated: the header announces 3 rows of 8 columns but it ends in row 2");
    byte[] l = Files.readAllBytes(three);
    Path shortLabels = dir.resolve("short-labels");
    Files.write(shortLabels, Arrays.copyOf(l, l.length - 1));
    assertThatThrownBy(() -> IdxFiles.readLabels(shortLabels))
        .hasMessage(shortLabels + " is truncated: the header announces 3 labels but only 2 follow");

    IdxWriter.writeImages(dir.resolve("odd"), images(3, 5), IdxWriter.Compression.NONE);
    assertThatThrownBy(() -> IdxDataset.read(dir.resolve("odd"), three, "digit"))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("odd") + " has 5x5 images; the image size must be even: set imageSize (--image-size)");
    assertThat(IdxDataset.read(dir.resolve("odd"), three, "digit", 6).imageSize()).isEqualTo(6);
  }
}
