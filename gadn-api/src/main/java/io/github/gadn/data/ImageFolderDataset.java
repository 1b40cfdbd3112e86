package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An artist-per-folder image tree (spec §2.1–§2.4): one sub-folder per class (class names sorted
 * by code point), image files found recursively and sorted, optional alpha tree (the paper's
 * published layout: RGB as JPEG plus alpha as PNG under the same relative path), optional
 * weight-map tree paired file by file, and the training preprocessing of spec §2.2.
 *
 * <pre>{@code
 * LabelledDataset data = ImageFolderDataset.builder(Path.of("faces"))
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
  private final int skipped;
  private final String fingerprint;

  /** Options of an image-folder data set. */
  public static final class Builder {
    private final Path root;
    private Path alphaRoot;
    private Path weightRoot;
    private int cropSize;
    private int imageSize;
    private boolean skipUnreadable;

    private Builder(Path root) {
      this.root = root;
    }

    /** Separate alpha tree: {@code <alphaRoot>/<class>/<relative path>.png} per image. */
    public Builder alphaRoot(Path alphaRoot) {
      this.alphaRoot = alphaRoot;
      return this;
    }

    /** Per-pixel weight maps with the same class folders and sorted file list (spec §2.4). */
    public Builder weightRoot(Path weightRoot) {
      this.weightRoot = weightRoot;
      return this;
    }

    /** Centre crop before resizing; 0 for none (default). */
    public Builder cropSize(int cropSize) {
      this.cropSize = cropSize;
      return this;
    }

    /** Image side; 0 (default) takes the first image's height, or the crop size. Must be even. */
    public Builder imageSize(int imageSize) {
      this.imageSize = imageSize;
      return this;
    }

    /** Decode every image once and leave out the unreadable ones instead of failing (default false). */
    public Builder skipUnreadable(boolean skip) {
      this.skipUnreadable = skip;
      return this;
    }

    /**
     * Scans the folders.
     *
     * @throws DataException naming the folder or file that is wrong
     */
    public ImageFolderDataset build() throws IOException {
      return new ImageFolderDataset(this);
    }
  }

  /** A builder for the tree at {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  private ImageFolderDataset(Builder b) throws IOException {
    this.root = b.root;
    checkArgument(b.cropSize >= 0, "cropSize must be >= 0, got %s", b.cropSize);
    checkArgument(b.imageSize >= 0, "imageSize must be >= 0, got %s", b.imageSize);
    if (!Files.isDirectory(root)) {
      throw new DataException("data root " + root + " is not a folder");
    }
    List<Path> classDirs = subfolders(root);
    if (classDirs.isEmpty()) {
      throw new DataException(
          "data root " + root + " has no class sub-folders (expected one folder per class)");
    }
    List<String> names = new ArrayList<>();
    List<Path> all = new ArrayList<>();
    List<Integer> labelList = new ArrayList<>();
    for (Path dir : classDirs) {
      List<Path> images = ImageFiles.list(dir);
      if (images.isEmpty()) {
        throw new DataException("class folder " + dir + " holds no images (" + ImageFiles.EXTENSIONS + ")");
      }
      names.add(dir.getFileName().toString());
      for (Path f : images) {
        all.add(f);
        labelList.add(names.size() - 1);
      }
    }
    List<Path> alphas = null;
    if (b.alphaRoot != null) {
      alphas = new ArrayList<>();
      for (Path f : all) {
        String rel = root.relativize(f).toString();
        Path a = b.alphaRoot.resolve(rel.substring(0, rel.lastIndexOf('.')) + ".png");
        if (!Files.isRegularFile(a)) {
          throw new DataException("alpha tree " + b.alphaRoot + " has no " + a + " for image " + f);
        }
        alphas.add(a);
      }
    }
    List<Path> weights = null;
    if (b.weightRoot != null) {
      weights = new ArrayList<>();
      for (int k = 0; k < classDirs.size(); k++) {
        Path wdir = b.weightRoot.resolve(names.get(k));
        List<Path> classImages = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          if (labelList.get(i) == k) {
            classImages.add(all.get(i));
          }
        }
        List<Path> wfiles = Files.isDirectory(wdir) ? ImageFiles.list(wdir) : List.of();
        if (wfiles.size() != classImages.size()) {
          throw new DataException(
              "weight tree " + b.weightRoot + " does not match the image tree: class " + names.get(k)
                  + " has " + classImages.size() + " images but " + wfiles.size() + " weight maps"
                  + (wfiles.isEmpty() ? " (" + wdir + " missing or empty)" : ""));
        }
        weights.addAll(wfiles);
      }
    }
    int skippedCount = 0;
    if (b.skipUnreadable) {
      List<Path> keptFiles = new ArrayList<>();
      List<Integer> keptLabels = new ArrayList<>();
      List<Path> keptAlpha = alphas == null ? null : new ArrayList<>();
      List<Path> keptWeights = weights == null ? null : new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        try {
          ImageFiles.read(all.get(i));
          if (alphas != null) {
            ImageFiles.read(alphas.get(i));
          }
          if (weights != null) {
            ImageFiles.read(weights.get(i));
          }
        } catch (DataException e) {
          skippedCount++;
          log.warn("skipping {}", e.getMessage());
          continue;
        }
        keptFiles.add(all.get(i));
        keptLabels.add(labelList.get(i));
        if (keptAlpha != null) {
          keptAlpha.add(alphas.get(i));
        }
        if (keptWeights != null) {
          keptWeights.add(weights.get(i));
        }
      }
      all = keptFiles;
      labelList = keptLabels;
      alphas = keptAlpha;
      weights = keptWeights;
      if (all.isEmpty()) {
        throw new DataException("data root " + root + ": every image is unreadable");
      }
    }
    this.classNames = Collections.unmodifiableList(names);
    this.files = Collections.unmodifiableList(all);
    this.labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    this.alphaFiles = alphas;
    this.weightFiles = weights;
    this.cropSize = b.cropSize;
    this.skipped = skippedCount;
    int size = b.imageSize;
    if (size == 0) {
      size = b.cropSize > 0 ? b.cropSize : ImageFiles.read(all.get(0)).height();
    }
    if (size % 2 != 0) {
      throw new DataException(
          "image size must be even, got " + size
              + (b.imageSize == 0 ? " (height of " + all.get(0) + "): set imageSize" : ""));
    }
    this.imageSize = size;
    Hasher h = Hashing.sha256().newHasher();
    for (int i = 0; i < files.size(); i++) {
      h.putString(root.relativize(files.get(i)).toString(), StandardCharsets.UTF_8);
      h.putInt(labels[i]);
      h.putLong(Files.size(files.get(i)));
    }
    h.putInt(size).putInt(cropSize);
    this.fingerprint = h.hash().toString();
  }

  private static List<Path> subfolders(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      List<Path> dirs = new ArrayList<>(s.filter(Files::isDirectory).toList());
      dirs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      return dirs;
    }
  }

  /** Number of files left out because they could not be read (with {@code skipUnreadable}). */
  public int skipped() {
    return skipped;
  }

  /** The image file of sample {@code index}. */
  public Path file(int index) {
    return files.get(index);
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

  @Override
  public Sample sample(int index) throws IOException {
    RgbaImage img = ImageFiles.read(files.get(index));
    if (alphaFiles != null) {
      RgbaImage alpha = ImageFiles.read(alphaFiles.get(index));
      if (alpha.width() != img.width() || alpha.height() != img.height()) {
        throw new DataException(
            "alpha " + alphaFiles.get(index) + " is " + alpha.width() + "x" + alpha.height()
                + " but image " + files.get(index) + " is " + img.width() + "x" + img.height());
      }
      float[] rgba = img.rgba().clone();
      for (int p = 0; p < img.width() * img.height(); p++) {
        rgba[p * 4 + 3] = alpha.rgba()[p * 4];
      }
      img = new RgbaImage(img.width(), img.height(), rgba);
    }
    float[] pixels = img.preprocess(cropSize, imageSize);
    float[] weight = null;
    if (weightFiles != null) {
      RgbaImage w = ImageFiles.read(weightFiles.get(index));
      float[] opaque = w.rgba().clone();
      for (int p = 3; p < opaque.length; p += 4) {
        opaque[p] = 1;
      }
      float[] wp = new RgbaImage(w.width(), w.height(), opaque).preprocess(cropSize, imageSize);
      weight = new float[imageSize * imageSize];
      for (int p = 0; p < weight.length; p++) {
        weight[p] = (wp[p * 4] + 1) / 2;
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
