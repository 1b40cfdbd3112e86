package io.github.gadn.data;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Finding and decoding image files (spec §2.1): PNG, JPEG, BMP, TIFF through ImageIO; PPM/PGM here. */
public final class ImageFiles {
  /** Extensions kept, lower case. */
  public static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "ppm", "pgm", "tif", "tiff");

  private ImageFiles() {}

  /** Whether a file name has one of {@link #EXTENSIONS} (case-insensitive). */
  public static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Image files below {@code dir}, recursively: directories in sorted order of their path, file
   * names sorted (code point order) within each directory.
   */
  public static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    collect(dir, out);
    return out;
  }

  private static void collect(Path dir, List<Path> out) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
    }
    files.sort(null);
    dirs.sort(null);
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
   * Decodes an image file to straight RGBA.
   *
   * @throws DataException naming the file if it cannot be read or decoded
   */
  public static RgbaImage read(Path file) throws DataException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".ppm") || name.endsWith(".pgm")) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
          return Netpbm.read(in, file);
        }
      }
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw new DataException("cannot decode image " + file + ": not a supported image format");
      }
      return RgbaImage.of(img);
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataException("cannot read image " + file + ": " + e.getMessage(), e);
    }
  }
}
