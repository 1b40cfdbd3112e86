package io.github.gadn.tensorflow.net;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.SizeSchedule;
import io.github.gadn.tensorflow.nn.BatchReg;
import io.github.gadn.tensorflow.nn.Block;
import io.github.gadn.tensorflow.nn.BusBlock;
import io.github.gadn.tensorflow.nn.CPReLU;
import io.github.gadn.tensorflow.nn.Linear;
import io.github.gadn.tensorflow.nn.LinearResBlock;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.NonLocalBlock;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.ResBlock;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The encoder-type body shared by {@code E}, the classifiers and the discriminator (docs/method.md
 * §3.7): resolution levels from the block strings (§3.6), flatten, FC layer 0 (Linear → BR →
 * CPReLU) and linear residual blocks. Batch regularisation follows every residual block when
 * enabled.
 */
final class EncoderBody<T extends TFloating> {
  private final Nn<T> nn;
  private final List<Block<T>> blocks = new ArrayList<>();
  private final Linear<T> fc0;
  private final BatchReg<T> fc0Br;
  private final CPReLU<T> fc0Act;
  private final List<LinearResBlock<T>> fcBlocks = new ArrayList<>();
  private final int flatWidth;
  private final int outWidth;

  /**
   * Builds the body's variables.
   *
   * @param nn context scoped to the body
   * @param structure features and block strings
   * @param imageSize input side
   * @param inChannels input channels (4: RGB + alpha)
   * @param batchReg whether the network uses batch regularisation
   */
  public EncoderBody(
      Nn<T> nn, NetworkStructure structure, int imageSize, int inChannels, boolean batchReg) {
    this.nn = nn;
    int levels = structure.levels();
    int[] padsTop = SizeSchedule.padsAndTop(imageSize, levels);
    ResidueRatio ratios = new ResidueRatio();
    int size = imageSize;
    int channels = inChannels;
    for (int level = 0; level < levels; level++) {
      String letters = structure.blocks().get(level);
      int f = structure.features().get(level);
      for (int k = 0; k < letters.length(); k++) {
        double r = ratios.next(letters.length());
        Nn<T> b = nn.sub("L" + level + "/b" + k);
        Block<T> block;
        char letter = letters.charAt(k);
        if (k == 0) {
          block = new ResBlock<>(b, channels, f, 2, padsTop[level], true, r, batchReg, size);
        } else if (letter == 'c') {
          block = new ResBlock<>(b, f, f, 1, 0, true, r, batchReg, size);
        } else if (letter == 'b') {
          block = new BusBlock<>(b, f, r, batchReg, size);
        } else {
          block = new NonLocalBlock<>(b, f, r, batchReg, size);
        }
        blocks.add(block);
        size = block.outSize();
        channels = block.outChannels();
      }
    }
    this.flatWidth = size * size * channels;
    int width = structure.fcWidth();
    this.fc0 = new Linear<>(nn.sub("fc0"), flatWidth, width);
    this.fc0Br = batchReg ? new BatchReg<>(nn.sub("fc0/br"), width) : null;
    this.fc0Act = new CPReLU<>(nn.sub("fc0/act"), width);
    for (int i = 1; i < structure.fcLayers(); i++) {
      fcBlocks.add(new LinearResBlock<>(nn.sub("fc" + i), width, 1.0 / (i + 1), batchReg));
    }
    this.outWidth = width;
  }

  /** Runs the body on {@code x} ({@code [N, R, R, inChannels]}); returns {@code [N, F]}. */
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    Operand<T> h = x;
    for (Block<T> block : blocks) {
      h = block.apply(h, pass);
    }
    h = nn.reshape(h, -1, flatWidth);
    h = fc0.apply(h);
    if (fc0Br != null) {
      h = fc0Br.apply(h, pass);
    }
    h = fc0Act.apply(h);
    for (LinearResBlock<T> block : fcBlocks) {
      h = block.apply(h, pass);
    }
    return h;
  }

  /** Width {@code F'} of the body output. */
  public int outWidth() {
    return outWidth;
  }
}
