package io.github.gadn.examples.cli;

import java.util.Map;
import java.util.Set;

/**
 * The options of the original implementation's command line, for the ones a command of this port
 * does not declare: AdaIN paths (not implemented: accepted only when off) and options that exist
 * in the original but do not apply to this command here, each refused with a one-line reason
 * instead of "unknown option". Names are in this port's kebab-case; the original's snake_case
 * spelling is turned into it before the lookup.
 */
final class OriginalOptions {
  private OriginalOptions() {}

  /** Every option of the original's training command line, kebab-cased. */
  static final Set<String> NAMES = Set.of(
      "load-path", "load-iter", "save-path", "enc-path", "enc-iter", "cla-path", "cla-iter",
      "reset-gen", "reset-sty", "reset-dis", "reset-cla", "data-root", "weight-root", "crop-size",
      "image-size", "features", "blocks", "gen-blocks", "enc-features", "enc-blocks", "gen-features",
      "cla-features", "cla-blocks", "dis-features", "dis-blocks", "mlp", "mlp-features", "mlp-layers",
      "visualize-size", "content-size", "style-size", "batch-size", "lr", "sty-lr", "lr-ramp",
      "rec-weight", "con-weight", "sty-weight", "cla-weight", "dis-weight", "match-weight",
      "cla-br-weight", "dis-br-weight", "gen-br-weight", "transform-penalty", "augment",
      "max-angle", "max-scale", "min-margin", "nloader", "niter", "save-iter", "checkpoint-iter",
      "log-iter", "visualize-iter", "device", "force-dis", "force-cla", "content-dropout",
      "style-dropout", "cla-fake");

  /** Why stage 2 has no structure options. */
  private static final String STAGE2_NETWORKS =
      "stage 2 takes E and G from its stage-1 run and C2 and D from its classifier run"
          + " (or from stage 1's classifier structure), so their structure is not an option here";

  /** Reasons for whole groups of options, by command. */
  private static final Map<String, String> COMMAND_REASONS = Map.of(
      "encode", "encode only reads a stage-1 checkpoint and the data; training options do not apply",
      "stage2", STAGE2_NETWORKS);

  /** Whether {@code name} is one of the original's AdaIN options. */
  static boolean isAdain(String name) {
    return name.matches("((enc|gen|cla|dis)-)?adain-(features|blocks)");
  }

  /**
   * Accepts an AdaIN option at the original's default (a value of 0 or less: off).
   *
   * @throws UsageException with the reason, for a positive value
   */
  static void checkAdainOff(String name, String value) {
    int v;
    try {
      v = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " takes an integer, got \"" + value + "\"");
    }
    if (v > 0) {
      throw new UsageException("--" + name + " " + v + ": the AdaIN paths are not implemented in"
          + " this port (they are off in the original's defaults and in the paper's results);"
          + " leave it at -1");
    }
  }

  /**
   * A one-line reason why an option of the original is not an option of {@code command}, or null
   * if {@code name} is not an option of the original.
   */
  static String whyNot(String name, String command) {
    if (!NAMES.contains(name)) {
      return null;
    }
    String group = COMMAND_REASONS.get(command);
    if (command.equals("stage2") && name.matches("(enc|gen|cla|dis)-(features|blocks)|features|blocks")) {
      return "--" + name + ": " + group;
    }
    if (command.equals("encode")) {
      return "--" + name + ": " + group;
    }
    return "--" + name + " is an option of the original's other commands; it does not apply to "
        + command + " (see " + command + " --help)";
  }
}
