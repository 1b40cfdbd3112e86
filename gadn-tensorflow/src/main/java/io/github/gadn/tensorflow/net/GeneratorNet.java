package io.github.gadn.tensorflow.net;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.SizeSchedule;
import io.github.gadn.tensorflow.nn.Block;
import io.github.gadn.tensorflow.nn.BusBlock;
import io.github.gadn.tensorflow.nn.CPReLU;
import io.github.gadn.tensorflow.nn.Linear;
import io.github.gadn.tensorflow.nn.LinearResBlock;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.NonLocalBlock;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.ResBlock;
import io.github.gadn.tensorflow.nn.SpatialTransform;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The generator {@code G} (docs/method.md §3.8) with a two-part input (content ⊕ style): FC layers,
 * a linear layer to the top map with one CPReLU slope per element, then the resolution levels from
 * the deepest up. Level strings are read right to left; their first letter is the up-sampling
 * block, {@code t} adding a spatial transform. The last up block has no activation and is followed
 * by {@code tanh}. The generator has no batch regularisation.
 */
public final class GeneratorNet<T extends TFloating> {
  private final Nn<T> nn;
  private final Linear<T> fc0;
  private final CPReLU<T> fc0Act;
  private final List<LinearResBlock<T>> fcBlocks = new ArrayList<>();
  private final Linear<T> toMap;
  private final CPReLU<T> toMapAct;
  private final List<Block<T>> blocks = new ArrayList<>();
  private final int top;
  private final int topChannels;
  private final int contentSize;
  private final int styleSize;
  private final int imageSize;

  /**
   * Builds {@code G}'s variables.
   *
   * @param nn context scoped to the generator (e.g. {@code gen})
   * @param structure features and blocks (generator kind)
   * @param imageSize output side
   * @param contentSize {@code Cc}
   * @param styleSize {@code Cs} (0 for the unconditional GAN baseline)
   */
  public GeneratorNet(
      Nn<T> nn, NetworkStructure structure, int imageSize, int contentSize, int styleSize) {
    this.nn = nn;
    this.contentSize = contentSize;
    this.styleSize = styleSize;
    this.imageSize = imageSize;
    int levels = structure.levels();
    int[] padsTop = SizeSchedule.padsAndTop(imageSize, levels);
    int width = structure.fcWidth();
    this.fc0 = new Linear<>(nn.sub("fc0"), contentSize + styleSize, width);
    this.fc0Act = new CPReLU<>(nn.sub("fc0/act"), width);
    for (int i = 1; i < structure.fcLayers(); i++) {
      fcBlocks.add(new LinearResBlock<>(nn.sub("fc" + i), width, 1.0 / (i + 1), false));
    }
    this.top = padsTop[levels];
    this.topChannels = structure.features().get(levels - 1);
    this.toMap = new Linear<>(nn.sub("top"), width, topChannels * top * top);
    this.toMapAct = new CPReLU<>(nn.sub("top/act"), (long) top * top * topChannels);

    ResidueRatio ratios = new ResidueRatio();
    int size = top;
    for (int d = levels - 1; d >= 0; d--) {
      String letters = structure.blocks().get(d);
      int f = structure.features().get(d);
      int next = d > 0 ? structure.features().get(d - 1) : 3;
      int m = letters.length();
      for (int k = m - 1; k >= 0; k--) {
        double r = ratios.next(m);
        Nn<T> b = nn.sub("L" + d + "/b" + (m - 1 - k));
        char letter = letters.charAt(k);
        Block<T> block;
        if (k == 0) {
          boolean transform = letter == 't';
          ResBlock<T> up =
              new ResBlock<>(
                  b, f, next + (transform ? 2 : 0), -2, padsTop[d], d > 0, r, false, size);
          block = transform ? new Transformed<>(nn, up, next) : up;
        } else if (letter == 'c') {
          block = new ResBlock<>(b, f, f, 1, 0, true, r, false, size);
        } else if (letter == 'b') {
          block = new BusBlock<>(b, f, r, false, size);
        } else if (letter == 'n') {
          block = new NonLocalBlock<>(b, f, r, false, size);
        } else {
          block = new Transformed<>(nn, new ResBlock<>(b, f, f + 2, 1, 0, true, r, false, size), f);
        }
        blocks.add(block);
        size = block.outSize();
      }
    }
  }

  /** A conv block emitting two extra offset channels, followed by a spatial transform. */
  private static final class Transformed<T extends TFloating> implements Block<T> {
    private final Nn<T> nn;
    private final ResBlock<T> conv;
    private final int channels;

    Transformed(Nn<T> nn, ResBlock<T> conv, int channels) {
      this.nn = nn;
      this.conv = conv;
      this.channels = channels;
    }

    @Override
    public Operand<T> apply(Operand<T> x, Pass<T> pass) {
      return SpatialTransform.apply(nn, conv.apply(x, pass), conv.outSize(), channels, pass);
    }

    @Override
    public int outSize() {
      return conv.outSize();
    }

    @Override
    public int outChannels() {
      return channels;
    }
  }

  /**
   * Generates images from an input code.
   *
   * @param code {@code [N, Cc + Cs]}: (masked) content followed by (masked) style
   * @param pass receives the fold penalties of this forward
   * @return {@code [N, R, R, 3]} in {@code (−1, 1)}
   */
  public Operand<T> apply(Operand<T> code, Pass<T> pass) {
    Operand<T> h = fc0Act.apply(fc0.apply(code));
    for (LinearResBlock<T> block : fcBlocks) {
      h = block.apply(h, pass);
    }
    h = toMapAct.apply(toMap.apply(h));
    h = nn.reshape(h, -1, top, top, topChannels);
    for (Block<T> block : blocks) {
      h = block.apply(h, pass);
    }
    return nn.tf().math.tanh(h);
  }

  /**
   * Generates from a content and a style code with optional nested-dropout masks (docs/method.md
   * §3.8).
   *
   * @param content {@code [N, Cc]}
   * @param style {@code [N, Cs]}
   * @param contentMask {@code [N, Cc]} or {@code null} for all ones
   * @param styleMask {@code [N, Cs]} or {@code null}
   * @param pass receives fold penalties
   * @return {@code [N, R, R, 3]}
   */
  public Operand<T> apply(
      Operand<T> content,
      Operand<T> style,
      Operand<T> contentMask,
      Operand<T> styleMask,
      Pass<T> pass) {
    Operand<T> c = contentMask == null ? content : nn.mul(content, contentMask);
    Operand<T> s = styleMask == null ? style : nn.mul(style, styleMask);
    return apply(nn.tf().concat(List.of(c, s), nn.tf().constant(1)), pass);
  }

  /** {@code Cc}. */
  public int contentSize() {
    return contentSize;
  }

  /** {@code Cs}. */
  public int styleSize() {
    return styleSize;
  }

  /** Output side. */
  public int imageSize() {
    return imageSize;
  }
}
