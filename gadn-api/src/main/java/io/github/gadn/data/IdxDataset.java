package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

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
 * Grey images of an idx3-ubyte file (MNIST, QMNIST, NIST), labelled by one column of an IDX label
 * file: {@code digit} (column 0), {@code writer} (QMNIST column 2, the writer id) or a column
 * number. The classes are the distinct raw values of that column in ascending order, named by
 * the value ({@code "7"}, {@code "2113"}); the class index is the position in that order.
 *
 * <p>Pixels become RGB {@code v/127.5 − 1} replicated on the three channels with alpha 1. The
 * image size is the file's (28 for MNIST); a different even {@code imageSize} resizes every image
 * with the antialiased filter of {@link RgbaImage#resize}. The images stay in memory as bytes.
 *
 * <pre>{@code
 * IdxDataset byWriter = IdxDataset.read(
 *     Path.of("qmnist-train-images-idx3-ubyte.gz"), Path.of("qmnist-train-labels-idx2-int.gz"), "writer");
 * }</pre>
 */
public final class IdxDataset implements LabelledDataset {
  /** The label names {@link #column} understands besides numbers. */
  public static final List<String> LABEL_NAMES = List.of("digit", "writer");

  private final String description;
  private final IdxFiles.Images images;
  private final int imageSize;
  private final int[] labels;
  private final int[] rawLabels;
  private final List<String> classNames;
  private final String fingerprint;

  private IdxDataset(String description, IdxFiles.Images images, int[] rawLabels, int imageSize) {
    this.description = description;
    this.images = images;
    this.imageSize = imageSize;
    this.rawLabels = rawLabels.clone();
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
    h.putInt(images.count()).putInt(images.rows()).putInt(images.columns()).putInt(imageSize);
    h.putBytes(images.pixels());
    for (int v : rawLabels) {
      h.putInt(v);
    }
    this.fingerprint = h.hash().toString();
  }

  /**
   * Column index of a label choice: {@code digit} → 0, {@code writer} → 2 (QMNIST), or a
   * non-negative column number.
   *
   * @param label the choice (case-insensitive)
   * @return the column
   * @throws IllegalArgumentException naming a bad label choice
   */
  public static int column(String label) {
    checkNotNull(label, "label");
    switch (label.toLowerCase(Locale.ROOT)) {
      case "digit":
        return 0;
      case "writer":
        return 2;
      default:
        try {
          int c = Integer.parseInt(label.trim());
          if (c >= 0) {
            return c;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException(
            "label must be digit, writer or a column number, got \"" + label + "\"");
    }
  }

  /**
   * Reads an image file and a label file at the images' own size.
   *
   * @param imagesFile idx3-ubyte images (plain, .gz or .xz)
   * @param labelsFile idx1-ubyte or QMNIST idx2-int labels (plain, .gz or .xz)
   * @param label {@code digit}, {@code writer} or a column number
   * @return the data set
   * @throws DataException naming the file on bad content, a count mismatch or a label column out
   *     of range
   * @throws IllegalArgumentException for a label choice that is not a name or number
   */
  public static IdxDataset read(Path imagesFile, Path labelsFile, String label) throws IOException {
    return read(imagesFile, labelsFile, label, 0);
  }

  /**
   * Reads an image file and a label file.
   *
   * @param imagesFile idx3-ubyte images (plain, .gz or .xz)
   * @param labelsFile idx1-ubyte or QMNIST idx2-int labels (plain, .gz or .xz)
   * @param label {@code digit}, {@code writer} or a column number
   * @param imageSize 0 for the file's size, otherwise an even side to resize to
   * @return the data set
   * @throws DataException naming the file on bad content, a count mismatch or a label column out
   *     of range
   * @throws IllegalArgumentException for a label choice that is not a name or number, or an odd
   *     image size
   */
  public static IdxDataset read(Path imagesFile, Path labelsFile, String label, int imageSize)
      throws IOException {
    checkNotNull(imagesFile, "imagesFile");
    checkNotNull(labelsFile, "labelsFile");
    int column = column(label);
    checkArgument(
        imageSize >= 0 && imageSize % 2 == 0,
        "imageSize (--image-size) must be even and >= 0, got %s",
        imageSize);
    IdxFiles.Images images = IdxFiles.readImages(imagesFile);
    int[][] table = IdxFiles.readLabels(labelsFile);
    if (table.length != images.count()) {
      throw new DataException(
          "count mismatch: " + imagesFile + " has " + images.count() + " images but " + labelsFile
              + " has " + table.length + " labels");
    }
    if (images.count() == 0) {
      throw new DataException(imagesFile + " holds no images");
    }
    int columns = table[0].length;
    if (column >= columns) {
      throw new DataException(
          "label column " + column + " (\"" + label + "\") is out of range: " + labelsFile + " has "
              + columns + (columns == 1
                  ? " column (idx1 labels only hold the digit; writer needs QMNIST idx2-int labels)"
                  : " columns"));
    }
    if (images.rows() != images.columns()) {
      throw new DataException(
          imagesFile + " has " + images.rows() + "x" + images.columns()
              + " images; GADN needs square images");
    }
    if (imageSize == 0 && images.rows() % 2 != 0) {
      throw new DataException(
          imagesFile + " has " + images.rows() + "x" + images.columns()
              + " images; the image size must be even: set imageSize (--image-size)");
    }
    int[] raw = new int[table.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = table[i][column];
    }
    return new IdxDataset(
        imagesFile + " (" + label + ")", images, raw, imageSize == 0 ? images.rows() : imageSize);
  }

  /**
   * Wraps in-memory images and raw label values (for example a synthetic set).
   *
   * @param description what the data is
   * @param images square images of even side
   * @param rawLabels one raw label value per image
   * @return the data set at the images' size
   */
  public static IdxDataset of(String description, IdxFiles.Images images, int[] rawLabels) {
    checkNotNull(images, "images");
    checkNotNull(rawLabels, "rawLabels");
    checkArgument(images.count() > 0, "images must not be empty");
    checkArgument(
        images.rows() == images.columns() && images.rows() % 2 == 0,
        "images must be square with an even side, got %sx%s", images.rows(), images.columns());
    checkArgument(
        rawLabels.length == images.count(),
        "rawLabels has %s values for %s images", rawLabels.length, images.count());
    return new IdxDataset(description, images, rawLabels, images.rows());
  }

  /**
   * The raw label value of image {@code index} (for example the writer id), before mapping to a
   * class index.
   *
   * @param index sample index
   * @return the value in the label column
   */
  public int rawLabel(int index) {
    return rawLabels[index];
  }

  /**
   * The images as read.
   *
   * @return the images, at the file's size
   */
  public IdxFiles.Images images() {
    return images;
  }

  @Override
  public int size() {
    return images.count();
  }

  @Override
  public int imageSize() {
    return imageSize;
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
    checkArgument(index >= 0 && index < images.count(), "index %s outside [0, %s)", index, images.count());
    int r = images.rows();
    byte[] px = images.pixels();
    int base = index * r * r;
    float[] rgba = new float[r * r * 4];
    if (imageSize == r) {
      for (int p = 0; p < r * r; p++) {
        float v = (px[base + p] & 255) / 127.5f - 1;
        rgba[p * 4] = v;
        rgba[p * 4 + 1] = v;
        rgba[p * 4 + 2] = v;
        rgba[p * 4 + 3] = 1f;
      }
      return Sample.of(r, rgba, null, labels[index]);
    }
    for (int p = 0; p < r * r; p++) {
      float v = (px[base + p] & 255) / 255f;
      rgba[p * 4] = v;
      rgba[p * 4 + 1] = v;
      rgba[p * 4 + 2] = v;
      rgba[p * 4 + 3] = 1f;
    }
    float[] out = new RgbaImage(r, r, rgba).preprocess(0, imageSize);
    return Sample.of(imageSize, out, null, labels[index]);
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
