package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An artist-per-folder image tree (docs/method.md §2.1–§2.4).
 *
 * <ul>
 *   <li>One sub-folder of the root per class; class names are the folder names sorted by code
 *       point, the class index is the position in that list.
 *   <li>Image files ({@link ImageFiles#EXTENSIONS}, case-insensitive) are found recursively in
 *       the order of {@link ImageFiles#list}; the sample order is classes in index order, files in
 *       sorted order within the class.
 *   <li>Optional alpha tree (the paper's published layout): the RGB of {@code <root>/a/b/x.jpg}
 *       is paired with the alpha of {@code <alphaRoot>/a/b/x.png} (its grey value, or its alpha
 *       channel when it has a non-trivial one).
 *   <li>Optional weight-map tree (docs/method.md §2.4) with the same class folders and the same
 *       number of files per class, paired by sorted index; only the first channel is used.
 *   <li>Preprocessing (docs/method.md §2.2): optional centre crop to {@code cropSize}, antialiased
 *       resize of the shorter side to {@code imageSize}, centre crop, RGB {@code v → 2v − 1}, alpha
 *       in {@code [0, 1]}. Weight maps get the same geometric steps and stay in {@code [0, 1]}.
 * </ul>
 *
 * <p>Images are decoded on demand by {@link #sample(int)}, which is safe to call from several
 * threads. Bad input is reported as a {@link DataException} naming the file or folder.
 *
 * <pre>{@code
 * ImageFolderDataset data = ImageFolderDataset.builder(Path.of("faces-jpg"))
 *     .alphaRoot(Path.of("faces-alpha"))
 *     .imageSize(64)
 *     .build();
 * }</pre>
 */
public final class ImageFolderDataset implements LabelledDataset {
  private static final Logger log = LoggerFactory.getLogger(ImageFolderDataset.class);

  private final Path root;
  private final List<String> classNames;
  private final List<Path> files;
  private final int[] labels;
  private final List<Path> alphaFiles;
  private final List<Path> weightFiles;
  private final int cropSize;
  private final int imageSize;
  private final List<Path> skippedFiles;
  private final String fingerprint;

  /** Options of an image-folder data set; {@link #build()} scans the folders. */
  public static final class Builder {
    private final Path root;
    private Path alphaRoot;
    private Path weightRoot;
    private int cropSize;
    private int imageSize;
    private boolean skipUnreadable;

    private Builder(Path root) {
      this.root = checkNotNull(root, "root");
    }

    /**
     * Separate alpha tree: {@code <alphaRoot>/<class>/<relative path without extension>.png} per
     * image (the paper's JPEG + alpha PNG layout).
     *
     * @param alphaRoot the alpha tree, or {@code null} for none (default)
     * @return this builder
     */
    public Builder alphaRoot(Path alphaRoot) {
      this.alphaRoot = alphaRoot;
      return this;
    }

    /**
     * Per-pixel weight maps (docs/method.md §2.4): same class folders and number of files as the
     * image tree, paired by sorted index.
     *
     * @param weightRoot the weight tree, or {@code null} for none (default)
     * @return this builder
     */
    public Builder weightRoot(Path weightRoot) {
      this.weightRoot = weightRoot;
      return this;
    }

    /**
     * Centre crop before resizing (option {@code --crop-size}).
     *
     * @param cropSize side of the crop, 0 for none (default)
     * @return this builder
     */
    public Builder cropSize(int cropSize) {
      checkArgument(cropSize >= 0, "cropSize must be >= 0, got %s", cropSize);
      this.cropSize = cropSize;
      return this;
    }

    /**
     * Image side (option {@code --image-size}).
     *
     * @param imageSize an even side, or 0 (default) for the height of the first image, or the
     *     crop size when one is given
     * @return this builder
     */
    public Builder imageSize(int imageSize) {
      checkArgument(
          imageSize >= 0 && imageSize % 2 == 0,
          "imageSize (--image-size) must be even and >= 0, got %s",
          imageSize);
      this.imageSize = imageSize;
      return this;
    }

    /**
     * Decode every image once while scanning and leave out the unreadable ones (with their alpha
     * and weight partners) instead of failing; see {@link #skipped()}.
     *
     * @param skip true to skip unreadable files (default false)
     * @return this builder
     */
    public Builder skipUnreadable(boolean skip) {
      this.skipUnreadable = skip;
      return this;
    }

    /**
     * Scans the folders.
     *
     * @return the data set
     * @throws DataException naming the folder or file that is wrong
     * @throws IOException if a folder cannot be listed
     */
    public ImageFolderDataset build() throws IOException {
      return new ImageFolderDataset(this);
    }
  }

  /**
   * A builder for the tree at {@code root}.
   *
   * @param root the folder holding one sub-folder per class
   * @return a builder with the defaults
   */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /**
   * For a folder that holds IDX files rather than class folders (as {@code gadn synth
   * handwriting} writes): how to name them instead; otherwise empty.
   */
  private static String idxHint(Path root) throws IOException {
    Path images = null;
    Path labels = null;
    try (java.util.stream.Stream<Path> files = Files.list(root)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (images == null && name.contains("idx3")) {
          images = f;
        } else if (labels == null && (name.contains("idx1") || name.contains("idx2"))) {
          labels = f;
        }
      }
    }
    if (images == null) {
      return "";
    }
    return "; it holds IDX images: name the file itself, data root " + images
        + (labels == null ? " with its labels file" : " with labels " + labels);
  }

  private ImageFolderDataset(Builder b) throws IOException {
    this.root = b.root;
    this.cropSize = b.cropSize;
    if (!Files.isDirectory(root)) {
      throw new DataException(
          "data root " + root + (Files.exists(root) ? " is not a folder" : " does not exist"));
    }
    List<Path> classDirs = ImageFiles.subfolders(root);
    if (classDirs.isEmpty()) {
      throw new DataException("data root " + root
          + " has no class sub-folders (expected one folder of images per class)" + idxHint(root));
    }
    List<String> names = new ArrayList<>();
    List<List<Path>> perClass = new ArrayList<>();
    for (Path dir : classDirs) {
      List<Path> images = ImageFiles.list(dir);
      if (images.isEmpty()) {
        throw new DataException(
            "class folder " + dir + " holds no images (extensions " + extensionList() + ")");
      }
      names.add(dir.getFileName().toString());
      perClass.add(images);
    }
    List<List<Path>> alphaPerClass = b.alphaRoot == null ? null : alphaFiles(b.alphaRoot, perClass);
    List<List<Path>> weightPerClass =
        b.weightRoot == null ? null : weightFiles(b.weightRoot, names, perClass);

    List<Path> all = new ArrayList<>();
    List<Path> alphas = alphaPerClass == null ? null : new ArrayList<>();
    List<Path> weights = weightPerClass == null ? null : new ArrayList<>();
    List<Integer> labelList = new ArrayList<>();
    List<Path> skippedList = new ArrayList<>();
    for (int k = 0; k < perClass.size(); k++) {
      int kept = 0;
      List<Path> images = perClass.get(k);
      for (int i = 0; i < images.size(); i++) {
        Path image = images.get(i);
        Path alpha = alphas == null ? null : alphaPerClass.get(k).get(i);
        Path weight = weights == null ? null : weightPerClass.get(k).get(i);
        if (b.skipUnreadable) {
          Path bad = firstUnreadable(image, alpha, weight);
          if (bad != null) {
            skippedList.add(bad);
            continue;
          }
        }
        all.add(image);
        labelList.add(k);
        if (alphas != null) {
          alphas.add(alpha);
        }
        if (weights != null) {
          weights.add(weight);
        }
        kept++;
      }
      if (kept == 0) {
        throw new DataException(
            "class folder " + classDirs.get(k) + " has no readable images (" + images.size()
                + " skipped as unreadable)");
      }
    }
    if (!skippedList.isEmpty()) {
      log.warn(
          "{}: skipped {} unreadable file(s) of {}, first {}",
          root, skippedList.size(), all.size() + skippedList.size(), skippedList.get(0));
    }
    this.classNames = Collections.unmodifiableList(names);
    this.files = Collections.unmodifiableList(all);
    this.labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    this.alphaFiles = alphas == null ? null : Collections.unmodifiableList(alphas);
    this.weightFiles = weights == null ? null : Collections.unmodifiableList(weights);
    this.skippedFiles = Collections.unmodifiableList(skippedList);

    int size = b.imageSize;
    if (size == 0) {
      size = b.cropSize > 0 ? b.cropSize : ImageFiles.read(all.get(0)).height();
      if (size % 2 != 0) {
        throw new DataException(
            "image size must be even, got " + size
                + (b.cropSize > 0
                    ? " (cropSize, --crop-size)"
                    : " (the height of the first image " + all.get(0) + ")")
                + ": set imageSize (--image-size) to an even value");
      }
    }
    this.imageSize = size;

    Hasher h = Hashing.sha256().newHasher();
    for (String name : names) {
      h.putString(name, StandardCharsets.UTF_8).putByte((byte) 0);
    }
    for (int i = 0; i < files.size(); i++) {
      h.putString(root.relativize(files.get(i)).toString(), StandardCharsets.UTF_8);
      h.putByte((byte) 0).putInt(labels[i]).putLong(Files.size(files.get(i)));
    }
    h.putInt(imageSize).putInt(cropSize);
    h.putBoolean(alphaFiles != null).putBoolean(weightFiles != null);
    this.fingerprint = h.hash().toString();
  }

  private static String extensionList() {
    List<String> ext = new ArrayList<>(ImageFiles.EXTENSIONS);
    Collections.sort(ext);
    return String.join(" ", ext);
  }

  /** Pairs every image with {@code <alphaRoot>/<relative path without extension>.png}. */
  private List<List<Path>> alphaFiles(Path alphaRoot, List<List<Path>> perClass)
      throws DataException {
    if (!Files.isDirectory(alphaRoot)) {
      throw new DataException(
          "alpha root " + alphaRoot + (Files.exists(alphaRoot) ? " is not a folder" : " does not exist"));
    }
    List<List<Path>> out = new ArrayList<>();
    for (List<Path> images : perClass) {
      List<Path> alphas = new ArrayList<>();
      for (Path f : images) {
        String rel = root.relativize(f).toString();
        int dot = rel.lastIndexOf('.');
        Path a = alphaRoot.resolve(rel.substring(0, dot) + ".png");
        if (!Files.isRegularFile(a)) {
          throw new DataException(
              "alpha tree " + alphaRoot + " has no file " + a + " for image " + f);
        }
        alphas.add(a);
      }
      out.add(alphas);
    }
    return out;
  }

  /** The weight maps of each class, checking that the trees match (docs/method.md §2.4). */
  private List<List<Path>> weightFiles(Path weightRoot, List<String> names, List<List<Path>> perClass)
      throws IOException {
    if (!Files.isDirectory(weightRoot)) {
      throw new DataException(
          "weight root " + weightRoot + (Files.exists(weightRoot) ? " is not a folder" : " does not exist"));
    }
    String mismatch = "weight tree " + weightRoot + " does not match the image tree " + root + ": ";
    Set<String> known = new HashSet<>(names);
    for (Path d : ImageFiles.subfolders(weightRoot)) {
      if (!known.contains(d.getFileName().toString())) {
        throw new DataException(mismatch + "it has a class folder " + d + " that the image tree lacks");
      }
    }
    List<List<Path>> out = new ArrayList<>();
    boolean warned = false;
    for (int k = 0; k < names.size(); k++) {
      Path wdir = weightRoot.resolve(names.get(k));
      if (!Files.isDirectory(wdir)) {
        throw new DataException(mismatch + "class folder " + wdir + " is missing");
      }
      List<Path> images = perClass.get(k);
      List<Path> maps = ImageFiles.list(wdir);
      int common = Math.min(images.size(), maps.size());
      if (images.size() != maps.size()) {
        String first =
            images.size() > maps.size()
                ? "image " + images.get(common) + " has no weight map"
                : "weight map " + maps.get(common) + " has no image";
        throw new DataException(
            mismatch + "class " + names.get(k) + " has " + images.size() + " images but "
                + maps.size() + " weight maps; first mismatch: " + first);
      }
      for (int i = 0; i < common && !warned; i++) {
        String a = stem(root.relativize(images.get(i)));
        String w = stem(weightRoot.relativize(maps.get(i)));
        if (!a.equals(w)) {
          log.warn("weight maps are paired by index: {} gets {}", images.get(i), maps.get(i));
          warned = true;
        }
      }
      out.add(maps);
    }
    return out;
  }

  private static String stem(Path rel) {
    String s = rel.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  /** The first of the files that cannot be decoded, or null. */
  private static Path firstUnreadable(Path image, Path alpha, Path weight) {
    for (Path p : new Path[] {image, alpha, weight}) {
      if (p == null) {
        continue;
      }
      try {
        ImageFiles.read(p);
      } catch (DataException e) {
        log.debug("unreadable: {}", e.getMessage());
        return p;
      }
    }
    return null;
  }

  /**
   * Number of files left out because they could not be decoded (only with {@link
   * Builder#skipUnreadable}); an image is also left out when its alpha or weight partner is
   * unreadable.
   *
   * @return the count, 0 without {@code skipUnreadable}
   */
  public int skipped() {
    return skippedFiles.size();
  }

  /**
   * The unreadable files that were left out (see {@link #skipped()}).
   *
   * @return the files, in scan order
   */
  public List<Path> skippedFiles() {
    return skippedFiles;
  }

  /**
   * The image file of sample {@code index}.
   *
   * @param index sample index
   * @return the path
   */
  public Path file(int index) {
    return files.get(index);
  }

  /**
   * The root folder.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  @Override
  public int size() {
    return files.size();
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
    return weightFiles != null;
  }

  /**
   * The decoded image of sample {@code index} (with the alpha of the alpha tree when there is
   * one), before preprocessing: straight RGBA in {@code [0, 1]} at the file's size.
   *
   * @param index sample index
   * @return the image
   * @throws DataException naming the file that cannot be read
   */
  public RgbaImage image(int index) throws DataException {
    Path file = files.get(index);
    RgbaImage img = ImageFiles.read(file);
    if (alphaFiles == null) {
      return img;
    }
    Path alphaFile = alphaFiles.get(index);
    RgbaImage alpha = ImageFiles.read(alphaFile);
    if (alpha.width() != img.width() || alpha.height() != img.height()) {
      throw new DataException(
          "alpha " + alphaFile + " is " + alpha.width() + "x" + alpha.height() + " but image "
              + file + " is " + img.width() + "x" + img.height());
    }
    float[] a = alpha.rgba();
    boolean ownAlpha = false;
    for (int p = 3; p < a.length && !ownAlpha; p += 4) {
      ownAlpha = a[p] < 1f;
    }
    float[] rgba = img.rgba();
    for (int p = 0; p < img.width() * img.height(); p++) {
      rgba[p * 4 + 3] = ownAlpha ? a[p * 4 + 3] : a[p * 4];
    }
    return img;
  }

  @Override
  public Sample sample(int index) throws IOException {
    RgbaImage img = image(index);
    float[] pixels = img.preprocess(cropSize, imageSize);
    float[] weight = null;
    if (weightFiles != null) {
      Path wfile = weightFiles.get(index);
      RgbaImage w = ImageFiles.read(wfile);
      double aspectImage = (double) img.width() / img.height();
      double aspectWeight = (double) w.width() / w.height();
      if (Math.abs(aspectImage / aspectWeight - 1) > 0.01) {
        throw new DataException(
            "weight map " + wfile + " is " + w.width() + "x" + w.height() + " but image "
                + files.get(index) + " is " + img.width() + "x" + img.height());
      }
      float[] first = w.rgba();
      for (int p = 0; p < first.length; p += 4) {
        first[p + 1] = first[p];
        first[p + 2] = first[p];
        first[p + 3] = 1f;
      }
      int crop = cropSize == 0 || w.width() == img.width() ? cropSize
          : (int) Math.round(cropSize * (double) w.width() / img.width());
      RgbaImage squared = w.squared(crop, imageSize);
      weight = new float[imageSize * imageSize];
      float[] s = squared.rgba();
      for (int p = 0; p < weight.length; p++) {
        weight[p] = s[p * 4];
      }
    }
    return Sample.of(imageSize, pixels, weight, labels[index]);
  }

  @Override
  public String description() {
    return root.toString();
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
