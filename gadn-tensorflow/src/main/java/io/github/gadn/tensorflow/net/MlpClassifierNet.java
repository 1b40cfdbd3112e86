package io.github.gadn.tensorflow.net;

import io.github.gadn.tensorflow.nn.BatchReg;
import io.github.gadn.tensorflow.nn.CPReLU;
import io.github.gadn.tensorflow.nn.Linear;
import io.github.gadn.tensorflow.nn.LinearResBlock;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The MLP classifier on content codes (docs/method.md §3.9, stage-1 ablation): {@code Linear → BR →
 * CPReLU}, then {@code layers − 1} linear residual blocks with {@code r = 1/(i+2)}, then a
 * log-softmax head.
 */
public final class MlpClassifierNet<T extends TFloating> {
  private final Nn<T> nn;
  private final Linear<T> input;
  private final BatchReg<T> inputBr;
  private final CPReLU<T> inputAct;
  private final List<LinearResBlock<T>> hidden = new ArrayList<>();
  private final Linear<T> head;

  /**
   * Builds the variables.
   *
   * @param nn context scoped to the network
   * @param codeSize input width {@code Cc}
   * @param width hidden width {@code Fm}
   * @param layers number of hidden layers
   * @param classes number of classes
   */
  public MlpClassifierNet(Nn<T> nn, int codeSize, int width, int layers, int classes) {
    this.nn = nn;
    this.input = new Linear<>(nn.sub("fc0"), codeSize, width);
    this.inputBr = new BatchReg<>(nn.sub("fc0/br"), width);
    this.inputAct = new CPReLU<>(nn.sub("fc0/act"), width);
    for (int i = 0; i < layers - 1; i++) {
      hidden.add(new LinearResBlock<>(nn.sub("fc" + (i + 1)), width, 1.0 / (i + 2), true));
    }
    this.head = new Linear<>(nn.sub("head"), width, classes);
  }

  /** Log-probabilities {@code [N, K]} of (masked) content codes {@code [N, Cc]}. */
  public Operand<T> apply(Operand<T> codes, Pass<T> pass) {
    Operand<T> h = inputAct.apply(inputBr.apply(input.apply(codes), pass));
    for (LinearResBlock<T> block : hidden) {
      h = block.apply(h, pass);
    }
    return nn.tf().nn.logSoftmax(head.apply(h));
  }
}
