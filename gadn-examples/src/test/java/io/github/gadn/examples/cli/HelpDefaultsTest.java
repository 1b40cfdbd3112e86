package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The defaults that help texts show are the config defaults themselves. */
class HelpDefaultsTest {

  /** The usage line of one option. */
  private static String line(Command command, String option) {
    return command.options().usage().lines()
        .filter(l -> l.startsWith("  --" + option + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(command.name() + " has no --" + option));
  }

  private static void assertShowsDefault(Command command, String option, String value) {
    assertThat(line(command, option)).as("%s --%s", command.name(), option)
        .endsWith("(default " + value + ")");
  }

  private static void assertShowsRecipes(Command command, String option, ToDoubleFunction<Recipe> value) {
    assertThat(line(command, option)).as("%s --%s", command.name(), option)
        .contains("(default: cpu " + CommonOptions.number(value.applyAsDouble(Recipe.CPU))
            + ", paper " + CommonOptions.number(value.applyAsDouble(Recipe.PAPER)) + ")");
  }

  @Test
  void runOptionsShowTheirDefaultsInEveryTrainingCommand() {
    RunOptions d = RunOptions.builder().build();
    Map<String, String> expected = Map.of(
        "niter", Long.toString(d.niter()),
        "save-iter", Long.toString(d.saveIter()),
        "checkpoint-iter", Long.toString(d.checkpointIter()),
        "log-iter", Long.toString(d.logIter()),
        "visualize-iter", Long.toString(d.visualizeIter()),
        "seed", Long.toString(d.seed()),
        "device", d.device(),
        "nloader", Integer.toString(d.nloader()));
    for (Command c : TrainingCommands.all()) {
      if (c.name().equals("encode")) {
        continue;
      }
      expected.forEach((option, value) -> assertShowsDefault(c, option, value));
    }
  }

  @Test
  void augmentationShowsItsDefaults() {
    AugmentConfig d = AugmentConfig.defaults();
    Command c = new TrainingCommands.Classifier();
    assertShowsDefault(c, "augment", Boolean.toString(d.enabled()));
    assertShowsDefault(c, "max-angle", CommonOptions.number(d.maxAngle()));
    assertShowsDefault(c, "max-scale", CommonOptions.number(d.maxScale()));
    assertShowsDefault(c, "min-margin", CommonOptions.number(d.minMargin()));
  }

  @Test
  void stage1AugmentationFollowsTheRecipe() {
    assertThat(line(new TrainingCommands.Stage1(), "augment"))
        .contains("(default: cpu false, paper true)");
    assertShowsDefault(new TrainingCommands.Stage1(), "max-angle",
        CommonOptions.number(AugmentConfig.defaults().maxAngle()));
  }

  @Test
  void stage1ShowsEachRecipesValues() {
    Command c = new TrainingCommands.Stage1();
    ToDoubleFunction<Recipe> lr = r -> Stage1Config.defaults(r, 28, 10).build().lr();
    assertShowsRecipes(c, "lr", lr);
    assertShowsRecipes(c, "sty-lr", r -> Stage1Config.defaults(r, 28, 10).build().styleLr());
    assertShowsRecipes(c, "lr-ramp", r -> Stage1Config.defaults(r, 28, 10).build().lrRamp());
    assertShowsRecipes(c, "cla-weight", r -> Stage1Config.defaults(r, 28, 10).build().claWeight());
    assertShowsRecipes(c, "con-weight", r -> Stage1Config.defaults(r, 28, 10).build().conWeight());
    assertThat(line(c, "lr")).contains("cpu 0.001, paper 0.00005");
  }

  @Test
  void classifierStage2AndGanShowEachRecipesValues() {
    assertShowsRecipes(new TrainingCommands.Classifier(), "lr",
        r -> ClassifierConfig.defaults(r, 28, 10).build().lr());
    assertShowsRecipes(new TrainingCommands.Stage2(), "lr",
        r -> Stage2Config.defaults(r, 28, "s1", 1).build().lr());
    assertShowsRecipes(new TrainingCommands.Stage2(), "max-dis-batches",
        r -> Stage2Config.defaults(r, 28, "s1", 1).build().maxDisBatches());
    assertShowsRecipes(new TrainingCommands.Gan(), "force-dis",
        r -> GanConfig.defaults(r, 28).build().forceDis());
  }

  @Test
  void theWeightAverageOptionsShowTheirDefaults() {
    ToDoubleFunction<Recipe> stage2 = r -> Stage2Config.defaults(r, 28, "s1", 1).build().emaBeta();
    assertShowsRecipes(new TrainingCommands.Stage2(), "ema-beta", stage2);
    assertShowsRecipes(new TrainCommand(), "ema-beta", stage2);
    assertShowsRecipes(new TrainingCommands.Gan(), "ema-beta", r -> GanConfig.defaults(r, 28).build().emaBeta());
    assertThat(line(new TrainingCommands.Stage2(), "ema-beta")).contains("cpu 0.999, paper 0");
    for (Command c : List.of(new ModelCommands.Transfer(), new ModelCommands.Sample(), new EvaluateCommand())) {
      assertShowsDefault(c, "ema", "true");
    }
  }

  @Test
  void trainShowsTheRunDefaults() {
    assertShowsDefault(new TrainCommand(), "seed", Long.toString(RunOptions.builder().build().seed()));
    assertShowsDefault(new TrainCommand(), "device", RunOptions.builder().build().device());
  }
}
