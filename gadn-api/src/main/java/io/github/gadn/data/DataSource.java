package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a data set comes from and how it is read: everything needed to open the same images again
 * later. A run folder records the source of the data it was trained on, so that resuming, encoding
 * and stage 2 can open the data from the folder alone.
 *
 * <p>Two layouts are read: an image tree with one sub-folder per class ({@link
 * ImageFolderDataset}), or an IDX images file with its labels file ({@link IdxDataset}).
 *
 * <pre>{@code
 * DataSource source = DataSource.builder(Path.of("artists")).cropSize(200).imageSize(64).build();
 * LabelledDataset data = source.open();          // data.source() returns source
 * Map<String, Object> saved = source.toMap();    // written to options.json by a run
 * DataSource again = DataSource.fromMap(saved);  // the same images, later
 * }</pre>
 */
@AutoValue
public abstract class DataSource {
  DataSource() {}

  /** Image tree (a folder with one sub-folder per class) or IDX images file, absolute. */
  public abstract Path root();

  /** IDX labels file (idx1-ubyte or QMNIST idx2-int); required with IDX images. */
  public abstract Optional<Path> labels();

  /** Which IDX label column is the style label: {@code digit}, {@code writer} or a number. */
  public abstract String label();

  /** Alpha PNG tree paired with a JPEG RGB tree, if any. */
  public abstract Optional<Path> alphaRoot();

  /** Per-pixel weight-map tree, if any. */
  public abstract Optional<Path> weightRoot();

  /** Centre crop side before resizing; 0 for none. */
  public abstract int cropSize();

  /** Image side; 0 for the data's own (or the crop size). */
  public abstract int imageSize();

  /** Whether unreadable images are left out instead of failing. */
  public abstract boolean skipUnreadable();

  /** Whether {@link #root()} is an IDX images file rather than an image tree. */
  public final boolean isIdx() {
    return Files.isRegularFile(root());
  }

  /**
   * Opens the data set.
   *
   * @return the data set; its {@link LabelledDataset#source()} is this source
   * @throws DataException naming the file or folder that is missing or wrong
   * @throws IOException if a folder cannot be listed
   */
  public LabelledDataset open() throws IOException {
    if (!Files.exists(root())) {
      throw new DataException("data root " + root() + " does not exist");
    }
    LabelledDataset data;
    if (isIdx()) {
      if (labels().isEmpty()) {
        throw new DataException("data root " + root() + " is a file (IDX images): the labels file is missing");
      }
      if (!Files.isRegularFile(labels().get())) {
        throw new DataException("labels file " + labels().get() + " does not exist");
      }
      data = IdxDataset.read(root(), labels().get(), label(), imageSize());
    } else {
      ImageFolderDataset.Builder b =
          ImageFolderDataset.builder(root()).cropSize(cropSize()).imageSize(imageSize())
              .skipUnreadable(skipUnreadable());
      alphaRoot().ifPresent(b::alphaRoot);
      weightRoot().ifPresent(b::weightRoot);
      data = b.build();
    }
    DataSource self = this;
    return new ForwardingDataset(data) {
      @Override
      public Optional<DataSource> source() {
        return Optional.of(self);
      }
    };
  }

  /** This source as JSON-ready values (paths as absolute strings; absent options left out). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("root", root().toString());
    labels().ifPresent(p -> m.put("labels", p.toString()));
    m.put("label", label());
    alphaRoot().ifPresent(p -> m.put("alphaRoot", p.toString()));
    weightRoot().ifPresent(p -> m.put("weightRoot", p.toString()));
    m.put("cropSize", cropSize());
    m.put("imageSize", imageSize());
    m.put("skipUnreadable", skipUnreadable());
    return m;
  }

  /**
   * The source written by {@link #toMap()}.
   *
   * @throws IllegalArgumentException naming the key that is missing or of the wrong type
   */
  public static DataSource fromMap(Map<String, ?> map) {
    Object root = map.get("root");
    checkArgument(root instanceof String, "data source: root must be a path, got %s", root);
    Builder b = builder(Path.of((String) root));
    if (map.get("labels") != null) {
      b.labels(Path.of(string(map, "labels")));
    }
    if (map.get("label") != null) {
      b.label(string(map, "label"));
    }
    if (map.get("alphaRoot") != null) {
      b.alphaRoot(Path.of(string(map, "alphaRoot")));
    }
    if (map.get("weightRoot") != null) {
      b.weightRoot(Path.of(string(map, "weightRoot")));
    }
    if (map.get("cropSize") != null) {
      b.cropSize(integer(map, "cropSize"));
    }
    if (map.get("imageSize") != null) {
      b.imageSize(integer(map, "imageSize"));
    }
    if (map.get("skipUnreadable") != null) {
      Object v = map.get("skipUnreadable");
      checkArgument(v instanceof Boolean, "data source: skipUnreadable must be true or false, got %s", v);
      b.skipUnreadable((Boolean) v);
    }
    return b.build();
  }

  private static String string(Map<String, ?> map, String key) {
    Object v = map.get(key);
    checkArgument(v instanceof String, "data source: %s must be a string, got %s", key, v);
    return (String) v;
  }

  private static int integer(Map<String, ?> map, String key) {
    Object v = map.get(key);
    checkArgument(
        v instanceof Number && ((Number) v).doubleValue() == ((Number) v).intValue(),
        "data source: %s must be an integer, got %s", key, v);
    return ((Number) v).intValue();
  }

  /** A builder for the data at {@code root} (made absolute), with the defaults. */
  public static Builder builder(Path root) {
    return new AutoValue_DataSource.Builder()
        .root(root)
        .label("digit")
        .cropSize(0)
        .imageSize(0)
        .skipUnreadable(false);
  }

  /** A builder holding this source's values. */
  public abstract Builder toBuilder();

  /** Builder of {@link DataSource}; paths are made absolute. */
  @AutoValue.Builder
  public abstract static class Builder {
    Builder() {}

    abstract Builder setRoot(Path root);

    /** Image tree or IDX images file. */
    public final Builder root(Path root) {
      return setRoot(root.toAbsolutePath().normalize());
    }

    abstract Builder setLabels(Optional<Path> labels);

    /** IDX labels file, or {@code null} for none. */
    public final Builder labels(Path labels) {
      return setLabels(Optional.ofNullable(labels).map(p -> p.toAbsolutePath().normalize()));
    }

    abstract Builder setLabel(String label);

    /** IDX label column: {@code digit} (default), {@code writer} or a number. */
    public final Builder label(String label) {
      return setLabel(label);
    }

    abstract Builder setAlphaRoot(Optional<Path> alphaRoot);

    /** Alpha PNG tree, or {@code null} for none. */
    public final Builder alphaRoot(Path alphaRoot) {
      return setAlphaRoot(Optional.ofNullable(alphaRoot).map(p -> p.toAbsolutePath().normalize()));
    }

    abstract Builder setWeightRoot(Optional<Path> weightRoot);

    /** Weight-map tree, or {@code null} for none. */
    public final Builder weightRoot(Path weightRoot) {
      return setWeightRoot(Optional.ofNullable(weightRoot).map(p -> p.toAbsolutePath().normalize()));
    }

    abstract Builder setCropSize(int cropSize);

    /** Centre crop side, 0 (default) for none. */
    public final Builder cropSize(int cropSize) {
      return setCropSize(cropSize);
    }

    abstract Builder setImageSize(int imageSize);

    /** Image side, 0 (default) for the data's own. */
    public final Builder imageSize(int imageSize) {
      return setImageSize(imageSize);
    }

    abstract Builder setSkipUnreadable(boolean skip);

    /** Leave out unreadable images (default false). */
    public final Builder skipUnreadable(boolean skip) {
      return setSkipUnreadable(skip);
    }

    abstract DataSource autoBuild();

    /**
     * The source.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public final DataSource build() {
      DataSource s = autoBuild();
      checkArgument(s.cropSize() >= 0, "cropSize must be >= 0, got %s", s.cropSize());
      checkArgument(
          s.imageSize() >= 0 && s.imageSize() % 2 == 0,
          "imageSize must be even and >= 0, got %s", s.imageSize());
      checkArgument(!s.label().isBlank(), "label must not be blank");
      return s;
    }
  }
}
