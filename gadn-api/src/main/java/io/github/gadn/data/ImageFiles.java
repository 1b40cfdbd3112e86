package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Finding, decoding and writing image files (docs/method.md §2.1). PNG, JPEG, BMP and TIFF are
 * decoded by ImageIO, binary and ASCII PGM/PPM ({@code P2 P3 P5 P6}) by a small reader of this
 * package.
 */
public final class ImageFiles {
  /** Extensions of image files, lower case; matching is case-insensitive. */
  public static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "ppm", "pgm", "tif", "tiff");

  /**
   * Orders strings by Unicode code point (docs/method.md §2.1 sorts class and file names this way).
   */
  public static final Comparator<String> CODE_POINT_ORDER = ImageFiles::compareCodePoints;

  private ImageFiles() {}

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Whether a file name has one of {@link #EXTENSIONS} (case-insensitive).
   *
   * @param file a path
   * @return true for an image file name
   */
  public static boolean isImage(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String s = name.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Image files below {@code dir}, recursively: the files of a folder (names sorted by code
   * point) come before its sub-folders, which are visited in sorted order.
   *
   * @param dir a folder
   * @return the image files in docs/method.md §2.1 order
   * @throws IOException if a folder cannot be listed
   */
  public static List<Path> list(Path dir) throws IOException {
    checkNotNull(dir, "dir");
    List<Path> out = new ArrayList<>();
    collect(dir, out);
    return out;
  }

  /**
   * The sub-folders of {@code dir}, sorted by name in code-point order.
   *
   * @param dir a folder
   * @return its sub-folders
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> subfolders(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> dirs = new ArrayList<>(s.filter(Files::isDirectory).toList());
      dirs.sort(Comparator.comparing(p -> p.getFileName().toString(), CODE_POINT_ORDER));
      return dirs;
    }
  }

  private static void collect(Path dir, List<Path> out) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
    }
    Comparator<Path> byName = Comparator.comparing(p -> p.getFileName().toString(), CODE_POINT_ORDER);
    files.sort(byName);
    dirs.sort(byName);
    for (Path f : files) {
      if (isImage(f)) {
        out.add(f);
      }
    }
    for (Path d : dirs) {
      collect(d, out);
    }
  }

  /**
   * Decodes an image file to straight RGBA in {@code [0, 1]} (grey → RGB, no alpha → opaque,
   * PNG transparency kept as alpha).
   *
   * @param file the file
   * @return the decoded image
   * @throws DataException naming the file if it cannot be read or decoded
   */
  public static RgbaImage read(Path file) throws DataException {
    checkNotNull(file, "file");
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".ppm") || name.endsWith(".pgm")) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          return Netpbm.read(in, file);
        }
      }
      if (!Files.isRegularFile(file)) {
        throw new DataException("cannot read image " + file + ": no such file");
      }
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw new DataException(
            "cannot decode image " + file + ": not a supported image format or corrupt");
      }
      return RgbaImage.of(img);
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataException("cannot read image " + file + ": " + e, e);
    }
  }

  /**
   * Writes a PNG, creating the parent folders.
   *
   * @param image the image (with alpha if it has any)
   * @param file the PNG file
   * @throws IOException if it cannot be written
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }
}
