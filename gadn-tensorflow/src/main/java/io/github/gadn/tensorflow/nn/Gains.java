package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The two learnable per-channel gains of a residual block (docs/method.md §3.4): {@code out = ρ_s ⊙
 * shortcut + ρ_r ⊙ residue} with {@code ρ_s = √(1−r)} and {@code ρ_r = √r} at construction.
 */
final class Gains<T extends TFloating> {
  private final Nn<T> nn;
  private final Operand<T> shortcut;
  private final Operand<T> residue;

  Gains(Nn<T> nn, int channels, double ratio) {
    this.nn = nn;
    this.shortcut = nn.paramFilled("gs", new long[] {channels}, Math.sqrt(1 - ratio));
    this.residue = nn.paramFilled("gr", new long[] {channels}, Math.sqrt(ratio));
  }

  /**
   * {@code gs ⊙ shortcut + gr ⊙ act(preActivation)}: {@link #mix} of an activated residue, with
   * the activation's fused gradient ({@link CPReLU#applyScaled}), which keeps only {@code
   * preActivation} for the backward pass.
   */
  Operand<T> mixActivated(Operand<T> shortcutValue, Operand<T> preActivation, CPReLU<T> act) {
    return nn.add(nn.mul(shortcut, shortcutValue), act.applyScaled(preActivation, residue));
  }

  Operand<T> mix(Operand<T> shortcutValue, Operand<T> residueValue) {
    return nn.add(nn.mul(shortcut, shortcutValue), nn.mul(residue, residueValue));
  }
}
