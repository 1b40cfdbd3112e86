package io.github.gadn.data;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Grey images from an idx3-ubyte file labelled by one column of an IDX label file: {@code digit}
 * (column 0), {@code writer} (QMNIST column 2), or a column number. Classes are the distinct label
 * values in ascending order, named by the value.
 */
public final class IdxDataset implements LabelledDataset {
  private final String description;
  private final IdxFiles.Images images;
  private final int[] labels;
  private final List<String> classNames;
  private final String fingerprint;

  private IdxDataset(String description, IdxFiles.Images images, int[] rawLabels) {
    this.description = description;
    this.images = images;
    TreeMap<Integer, Integer> classes = new TreeMap<>();
    for (int v : rawLabels) {
      classes.put(v, 0);
    }
    List<String> names = new ArrayList<>();
    int k = 0;
    for (var e : classes.entrySet()) {
      e.setValue(k++);
      names.add(Integer.toString(e.getKey()));
    }
    this.labels = new int[rawLabels.length];
    for (int i = 0; i < rawLabels.length; i++) {
      labels[i] = classes.get(rawLabels[i]);
    }
    this.classNames = Collections.unmodifiableList(names);
    Hasher h = Hashing.sha256().newHasher();
    h.putBytes(images.pixels());
    for (int v : rawLabels) {
      h.putInt(v);
    }
    this.fingerprint = h.hash().toString();
  }

  /**
   * Column index of a label name: {@code digit} → 0, {@code writer} → 2, or a number.
   *
   * @throws IllegalArgumentException naming a bad label choice
   */
  public static int column(String label) {
    switch (label.toLowerCase(Locale.ROOT)) {
      case "digit":
        return 0;
      case "writer":
        return 2;
      default:
        try {
          int c = Integer.parseInt(label);
          if (c < 0) {
            throw new NumberFormatException();
          }
          return c;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "label must be digit, writer or a column number, got \"" + label + "\"");
        }
    }
  }

  /**
   * Reads an image file and a label file.
   *
   * @param imagesFile idx3-ubyte images (optionally .gz/.xz)
   * @param labelsFile idx1-ubyte or idx2-int labels
   * @param label {@code digit}, {@code writer} or a column number
   * @throws DataException naming the file on bad content, a count mismatch or a bad column
   */
  public static IdxDataset read(Path imagesFile, Path labelsFile, String label) throws IOException {
    int column = column(label);
    IdxFiles.Images images = IdxFiles.readImages(imagesFile);
    int[][] table = IdxFiles.readLabels(labelsFile);
    if (table.length != images.count()) {
      throw new DataException(
          "count mismatch: " + imagesFile + " has " + images.count() + " images but " + labelsFile
              + " has " + table.length + " labels");
    }
    int columns = table.length == 0 ? 0 : table[0].length;
    if (column >= columns) {
      throw new DataException(
          "label column " + column + " (\"" + label + "\") is out of range: " + labelsFile + " has "
              + columns + " column" + (columns == 1 ? "" : "s")
              + (columns == 1 ? " (an idx1 file only has digits; writer needs QMNIST idx2-int labels)" : ""));
    }
    if (images.rows() != images.columns() || images.rows() % 2 != 0) {
      throw new DataException(
          imagesFile + " has " + images.rows() + "x" + images.columns() + " images; GADN needs square images of even side");
    }
    int[] raw = new int[table.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = table[i][column];
    }
    return new IdxDataset(imagesFile + " (" + label + ")", images, raw);
  }

  /** Wraps in-memory images and labels (e.g. a synthetic set). */
  public static IdxDataset of(String description, IdxFiles.Images images, int[] rawLabels) {
    return new IdxDataset(description, images, rawLabels);
  }

  @Override
  public int size() {
    return images.count();
  }

  @Override
  public int imageSize() {
    return images.rows();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public int label(int index) {
    return labels[index];
  }

  @Override
  public boolean hasWeightMaps() {
    return false;
  }

  @Override
  public Sample sample(int index) {
    int r = images.rows();
    float[] rgba = new float[r * r * 4];
    int base = index * r * r;
    for (int p = 0; p < r * r; p++) {
      float v = (images.pixels()[base + p] & 255) / 127.5f - 1;
      rgba[p * 4] = v;
      rgba[p * 4 + 1] = v;
      rgba[p * 4 + 2] = v;
      rgba[p * 4 + 3] = 1f;
    }
    return Sample.of(r, rgba, null, labels[index]);
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
