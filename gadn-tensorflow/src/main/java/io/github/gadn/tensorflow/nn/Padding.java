package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Explicit spatial zero padding and cropping of NHWC maps. */
final class Padding {
  private Padding() {}

  /** Pads {@code ph} rows top and bottom and {@code pw} columns left and right with zeros. */
  public static <T extends TFloating> Operand<T> pad(Nn<T> nn, Operand<T> x, int ph, int pw) {
    if (ph == 0 && pw == 0) {
      return x;
    }
    return nn.tf()
        .pad(
            x,
            nn.tf().constant(new int[][] {{0, 0}, {ph, ph}, {pw, pw}, {0, 0}}),
            nn.constant(0));
  }

  /**
   * Removes {@code ch} rows from top and bottom and {@code cw} columns from left and right of a map
   * whose spatial size is {@code h × w}.
   */
  public static <T extends TFloating> Operand<T> crop(
      Nn<T> nn, Operand<T> x, int h, int w, int ch, int cw) {
    if (ch == 0 && cw == 0) {
      return x;
    }
    return nn.tf()
        .slice(x, nn.ints(0, ch, cw, 0), nn.ints(-1, h - 2 * ch, w - 2 * cw, -1));
  }
}
