package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.GanConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original implementation's snake_case options: accepted, or refused with a reason. */
class OriginalOptionsTest {

  /** The original's options that its stage-1 command reads. */
  private static final List<String> STAGE1 = List.of(
      "load_path", "load_iter", "save_path", "data_root", "weight_root", "crop_size", "image_size",
      "features", "blocks", "gen_blocks", "enc_features", "enc_blocks", "gen_features",
      "cla_features", "cla_blocks", "mlp", "mlp_features", "mlp_layers", "visualize_size",
      "content_size", "style_size", "batch_size", "lr", "sty_lr", "lr_ramp", "rec_weight",
      "con_weight", "sty_weight", "cla_weight", "match_weight", "cla_br_weight",
      "transform_penalty", "augment", "max_angle", "max_scale", "min_margin", "nloader", "niter",
      "save_iter", "checkpoint_iter", "log_iter", "visualize_iter", "device", "content_dropout",
      "style_dropout");

  /** The original's options that its stage-2 command reads. */
  private static final List<String> STAGE2 = List.of(
      "load_path", "load_iter", "save_path", "enc_path", "enc_iter", "cla_path", "cla_iter",
      "reset_gen", "reset_sty", "reset_dis", "reset_cla", "data_root", "crop_size",
      "visualize_size", "batch_size", "lr", "sty_lr", "lr_ramp", "con_weight", "sty_weight",
      "cla_weight", "dis_weight", "dis_br_weight", "cla_br_weight", "gen_br_weight",
      "transform_penalty", "augment", "max_angle", "max_scale", "min_margin", "nloader", "niter",
      "save_iter", "checkpoint_iter", "log_iter", "visualize_iter", "device", "force_dis",
      "force_cla", "style_dropout", "cla_fake");

  /** The original's options that its classifier and gan commands read (beyond the shared ones). */
  private static final List<String> CLASSIFIER = List.of(
      "cla_features", "cla_blocks", "features", "blocks", "lr", "lr_ramp", "cla_br_weight",
      "batch_size", "augment", "niter", "device", "data_root", "load_path", "save_path");
  private static final List<String> GAN = List.of(
      "gen_features", "gen_blocks", "dis_features", "dis_blocks", "features", "blocks",
      "content_size", "lr", "lr_ramp", "dis_br_weight", "gen_br_weight", "force_dis",
      "transform_penalty", "batch_size", "niter", "device", "data_root", "load_path", "save_path");

  private static Options parse(Command command, String... args) {
    return command.options().parse(List.of(args));
  }

  private static String[] withValue(String snake, Options declared) {
    String kebab = snake.replace('_', '-');
    if (kebab.equals("visualize-size")) {
      return new String[] {"--" + snake, "2", "3"};
    }
    return new String[] {"--" + snake, List.of("mlp", "augment", "cla-fake", "reset-gen",
        "reset-sty", "reset-dis", "reset-cla").contains(kebab) ? "true" : "8"};
  }

  private static void assertAllAccepted(Command command, List<String> names) {
    List<String> refused = new ArrayList<>();
    for (String snake : names) {
      try {
        Options o = parse(command, withValue(snake, command.options()));
        if (!o.given(snake.replace('_', '-'))) {
          refused.add(snake + " (not recorded)");
        }
      } catch (UsageException e) {
        refused.add(snake + ": " + e.getMessage());
      }
    }
    assertThat(refused).as("original options refused by %s", command.name()).isEmpty();
  }

  @Test
  void stage1AcceptsEveryOptionOfTheOriginalsStage1() {
    assertAllAccepted(new TrainingCommands.Stage1(), STAGE1);
  }

  @Test
  void stage2AcceptsEveryOptionOfTheOriginalsStage2() {
    assertAllAccepted(new TrainingCommands.Stage2(), STAGE2);
  }

  @Test
  void classifierAndGanAcceptTheirNetworkOptions() {
    assertAllAccepted(new TrainingCommands.Classifier(), CLASSIFIER);
    assertAllAccepted(new TrainingCommands.Gan(), GAN);
  }

  @Test
  void noOriginalOptionIsEverUnknown() {
    for (Command command : TrainingCommands.all()) {
      for (String kebab : OriginalOptions.NAMES) {
        String snake = kebab.replace('-', '_');
        try {
          parse(command, withValue(snake, command.options()));
        } catch (UsageException e) {
          assertThat(e.getMessage()).as("%s --%s", command.name(), snake)
              .doesNotContain("unknown option").contains("--" + kebab);
        }
      }
    }
  }

  @Test
  void perNetworkFeaturesSetOnlyThatNetwork() {
    Options o = parse(new TrainingCommands.Stage1(), "--enc_features", "8,16,32", "--cla_blocks",
        "cc,cc,cc,f");
    Stage1Config base = Stage1Config.defaults(32, 10).build();
    Stage1Config c = TrainingCommands.Stage1.apply(o, base.toBuilder()).build();
    assertThat(c.encoder().features()).containsExactly(8, 16, 32);
    assertThat(c.generator()).isEqualTo(base.generator());
    assertThat(c.classifier().features()).isEqualTo(base.classifier().features());
    assertThat(c.classifier().blocks()).containsExactly("cc", "cc", "cc", "f");
  }

  @Test
  void sharedFeaturesApplyWhereNoNetworkOptionIsGiven() {
    Options o = parse(new TrainingCommands.Gan(), "--features", "8,16,32", "--dis_features",
        "4,8,16");
    GanConfig c = TrainingCommands.Gan.apply(o, GanConfig.defaults(32)).build();
    assertThat(c.discriminator().features()).containsExactly(4, 8, 16);
    assertThat(c.generator().features()).containsExactly(8, 16, 32);
  }

  @Test
  void cudaDeviceMapsToGpu() {
    Options o = parse(new TrainingCommands.Stage1(), "--device", "cuda:1");
    assertThat(CommonOptions.runOptions(o, RunOptions.builder().build()).device()).isEqualTo("/GPU:1");
    Options cpu = parse(new TrainingCommands.Stage1(), "--device", "cpu");
    assertThat(CommonOptions.runOptions(cpu, RunOptions.builder().build()).device()).isEqualTo("/CPU:0");
  }

  @Test
  void adainOffIsAcceptedAndIgnored() {
    Options o = parse(new TrainingCommands.Stage1(), "--adain_features", "-1", "--enc_adain_blocks=-1",
        "--lr", "0.1");
    assertThat(o.number("lr")).isEqualTo(0.1);
  }

  @Test
  void adainOnIsRefusedWithTheReason() {
    assertThatThrownBy(() -> parse(new TrainingCommands.Stage1(), "--gen_adain_features", "256"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--gen-adain-features 256: the AdaIN paths are not implemented in this port"
            + " (they are off in the original's defaults and in the paper's results); leave it at -1");
  }

  @Test
  void stage2NetworkOptionsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> parse(new TrainingCommands.Stage2(), "--dis_features", "8,16"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--dis-features: stage 2 takes E and G from its stage-1 run and C2 and D from"
            + " its classifier run (or from stage 1's classifier structure), so their structure is"
            + " not an option here");
  }

  @Test
  void anOriginalOptionOfAnotherCommandIsNamedAsSuch() {
    assertThatThrownBy(() -> parse(new TrainingCommands.Stage1(), "--force_dis", "0.5"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--force-dis is an option of the original's other commands; it does not apply"
            + " to stage1 (see stage1 --help)");
  }

  @Test
  void aTrulyUnknownOptionIsStillUnknown() {
    assertThatThrownBy(() -> parse(new TrainingCommands.Stage1(), "--adain_layers", "2"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("unknown option --adain-layers for stage1");
  }
}
