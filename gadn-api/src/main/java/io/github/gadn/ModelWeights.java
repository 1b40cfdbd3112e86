package io.github.gadn;

/**
 * Which weights of the generator {@code G} and the style table {@code S} a model is loaded with.
 * Stage-2 runs trained with a weight average ({@code emaBeta} > 0 in {@link
 * io.github.gadn.config.Stage2Config}) keep, beside the trained weights, an exponential moving
 * average of them in every checkpoint (docs/training.md, "Generator EMA"). The encoder is never
 * averaged.
 */
public enum ModelWeights {
  /**
   * The bias-corrected moving average when the checkpoint has one with at least one update;
   * otherwise (stage-1 runs, runs without an average, the iteration-0 checkpoint) the trained
   * weights. The default.
   */
  AVERAGED,

  /** The trained weights as the optimiser left them. */
  RAW
}
