package io.github.gadn.tensorflow.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * One forward pass through a network: whether batch regularisation records its loss in this pass,
 * and the side outputs the pass produced (BR losses, spatial-transform fold penalties).
 *
 * <p>In graph mode every call of a network builds new ops sharing the same variables; a trainer
 * creates one {@code Pass} per call and reads the side outputs of exactly the forward it cares
 * about (docs/method.md §3.4e, §3.10).
 */
public final class Pass<T extends TFloating> {
  private final boolean batchReg;
  private final List<Operand<T>> brLosses = new ArrayList<>();
  private final List<Operand<T>> foldPenalties = new ArrayList<>();

  private Pass(boolean batchReg) {
    this.batchReg = batchReg;
  }

  /** A pass whose BR modules record their loss (docs/method.md §3.10 modes real and fake alike). */
  public static <T extends TFloating> Pass<T> withBatchReg() {
    return new Pass<>(true);
  }

  /** A pass with BR disabled. */
  public static <T extends TFloating> Pass<T> plain() {
    return new Pass<>(false);
  }

  /** Whether BR records losses in this pass. */
  public boolean batchReg() {
    return batchReg;
  }

  void addBrLoss(Operand<T> loss) {
    brLosses.add(loss);
  }

  void addFoldPenalty(Operand<T> penalty) {
    foldPenalties.add(penalty);
  }

  /** Sum of the BR losses of this pass (0 if none). */
  public Operand<T> brLoss(Nn<T> nn) {
    return sum(nn, brLosses);
  }

  /** Number of BR losses recorded. */
  public int brCount() {
    return brLosses.size();
  }

  /** Sum of the fold penalties of this pass (0 if the network has no spatial transform). */
  public Operand<T> foldPenalty(Nn<T> nn) {
    return sum(nn, foldPenalties);
  }

  private static <T extends TFloating> Operand<T> sum(Nn<T> nn, List<Operand<T>> terms) {
    if (terms.isEmpty()) {
      return nn.constant(0);
    }
    if (terms.size() == 1) {
      return terms.get(0);
    }
    return nn.tf().math.addN(terms);
  }
}
