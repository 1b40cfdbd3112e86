package io.github.gadn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Reads PGM and PPM (P2, P3, P5, P6; 8 or 16 bits), which ImageIO does not. */
final class Netpbm {
  private Netpbm() {}

  static RgbaImage read(InputStream in, Path file) throws IOException {
    if (in.read() != 'P') {
      throw new DataException("cannot decode image " + file + ": not a PGM/PPM file");
    }
    int kind = in.read() - '0';
    if (kind != 2 && kind != 3 && kind != 5 && kind != 6) {
      throw new DataException("cannot decode image " + file + ": unsupported Netpbm type P" + kind);
    }
    int w = token(in, file);
    int h = token(in, file);
    int max = token(in, file);
    if (w <= 0 || h <= 0 || max <= 0 || max > 65535) {
      throw new DataException("cannot decode image " + file + ": bad header " + w + "x" + h + " max " + max);
    }
    boolean colour = kind == 3 || kind == 6;
    boolean ascii = kind == 2 || kind == 3;
    int channels = colour ? 3 : 1;
    float[] out = new float[w * h * 4];
    for (int p = 0; p < w * h; p++) {
      for (int c = 0; c < channels; c++) {
        int v;
        if (ascii) {
          v = token(in, file);
        } else if (max < 256) {
          v = in.read();
        } else {
          int hi = in.read();
          v = (hi << 8) | in.read();
        }
        if (v < 0) {
          throw new DataException("cannot decode image " + file + ": truncated pixel data");
        }
        float f = Math.min(1f, (float) v / max);
        if (colour) {
          out[p * 4 + c] = f;
        } else {
          out[p * 4] = f;
          out[p * 4 + 1] = f;
          out[p * 4 + 2] = f;
        }
      }
      out[p * 4 + 3] = 1f;
    }
    return new RgbaImage(w, h, out);
  }

  private static int token(InputStream in, Path file) throws IOException {
    int c = in.read();
    while (c == '#' || Character.isWhitespace(c)) {
      if (c == '#') {
        while (c != '\n' && c != -1) {
          c = in.read();
        }
      }
      c = in.read();
    }
    if (c < '0' || c > '9') {
      throw new DataException("cannot decode image " + file + ": malformed header or data");
    }
    int v = 0;
    while (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      c = in.read();
    }
    return v;
  }
}
