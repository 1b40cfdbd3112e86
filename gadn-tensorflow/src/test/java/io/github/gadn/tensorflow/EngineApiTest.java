package io.github.gadn.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.Classifier;
import io.github.gadn.ClassifierTrainer;
import io.github.gadn.CorruptCheckpointException;
import io.github.gadn.EncodeResult;
import io.github.gadn.GadnModel;
import io.github.gadn.GanTrainer;
import io.github.gadn.ImageBatch;
import io.github.gadn.ResumeFrom;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.ConfigException;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.engine.Engines;
import io.github.gadn.engine.GadnEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of the method through {@link GadnEngine} and gadn-api types only, as a library user
 * drives it: stage 1, every form of resume, the encode step, classifier pre-training, stage 2 and
 * the GAN baseline, on tiny networks for a few iterations.
 */
class EngineApiTest {
  private static final int SIZE = 12;
  private static final LabelledDataset DATA =
      SyntheticHandwriting.generate(3, 2, SIZE, 5).dataset("digit");
  private static final List<Integer> FEATURES = List.of(4, 8, 16);
  private static final GadnEngine ENGINE = Engines.get();

  @TempDir static Path dir;
  static Path stage1;
  static Path classifier;

  /** {@code niter} iterations, {@code last} and a numbered checkpoint every {@code every}. */
  private static RunOptions run(long niter, long every) {
    return RunOptions.builder().niter(niter).seed(9).saveIter(every).checkpointIter(every)
        .logIter(every).visualizeIter(niter).build();
  }

  private static Stage1Config stage1Config() {
    return Stage1Config.defaults(Recipe.DEFAULT, SIZE, DATA.classCount())
        .encoder(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .generator(NetworkStructure.defaults(Kind.GENERATOR, FEATURES))
        .classifier(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .contentSize(4)
        .styleSize(3)
        .contentDropout(0.5)
        .styleDropout(1 - 2.0 / 3)
        .batchSize(6)
        .visRows(2)
        .visCols(3)
        .run(run(6, 3))
        .build();
  }

  @BeforeAll
  static void trainStage1AndClassifier() throws Exception {
    stage1 = dir.resolve("stage1");
    try (Stage1Trainer trainer = ENGINE.stage1(stage1Config(), DATA, stage1)) {
      assertThat(trainer.iteration()).isZero();
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(6);
    }
    classifier = dir.resolve("classifier");
    ClassifierConfig cla = ClassifierConfig.defaults(Recipe.DEFAULT, SIZE, DATA.classCount())
        .classifier(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .batchSize(6)
        .run(run(4, 4))
        .build();
    try (ClassifierTrainer trainer = ENGINE.classifier(cla, DATA, classifier)) {
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(4);
      assertThat(trainer.config().classCount()).isEqualTo(DATA.classCount());
    }
  }

  /** A copy of a run folder, so that a test can resume it without changing the shared one. */
  private static Path copy(Path run, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(run)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(run.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return target;
  }

  /** The iterations of the data rows of a run's {@code log.csv}. */
  private static List<Long> loggedIterations(Path run) throws IOException {
    List<Long> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(run.resolve("log.csv"));
    for (String row : lines.subList(1, lines.size())) {
      out.add(Long.parseLong(row.substring(0, row.indexOf(','))));
    }
    return out;
  }

  @Test
  void aFinishedRunHasItsNumberedCheckpointsAndItsSavedConfig() throws Exception {
    assertThat(ENGINE.numberedCheckpoints(stage1)).containsExactly(3L, 6L);
    assertThat(ENGINE.numberedCheckpoints(dir.resolve("no-such-run"))).isEmpty();
    Stage1Config saved = ENGINE.readStage1Config(stage1);
    assertThat(saved.recipe()).isEqualTo(Recipe.DEFAULT);
    assertThat(saved.contentSize()).isEqualTo(4);
    assertThat(saved.encoder()).isEqualTo(stage1Config().encoder());
    assertThatThrownBy(() -> ENGINE.readStage1Config(classifier))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(classifier.toString());
  }

  @Test
  void resumingFromLastWithALargerNiterTrainsOn(@TempDir Path tmp) throws Exception {
    Path run = copy(stage1, tmp.resolve("run"));
    try (Stage1Trainer trainer =
        ENGINE.resumeStage1(run, b -> b.run(b.build().run().toBuilder().niter(9).build()), DATA)) {
      assertThat(trainer.iteration()).isEqualTo(6);
      assertThat(trainer.config().run().niter()).isEqualTo(9);
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(9);
    }
    assertThat(ENGINE.numberedCheckpoints(run)).containsExactly(3L, 6L, 9L);
    assertThat(loggedIterations(run)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void resumingFromANumberedCheckpointGoesBackToIt(@TempDir Path tmp) throws Exception {
    Path run = copy(stage1, tmp.resolve("run"));
    try (Stage1Trainer trainer = ENGINE.resumeStage1(run, ResumeFrom.numbered(3), null, DATA)) {
      assertThat(trainer.iteration()).isEqualTo(3);
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(6);
    }
    assertThatThrownBy(() -> ENGINE.resumeStage1(run, ResumeFrom.numbered(4), null, DATA))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("4.ckpt does not exist")
        .hasMessageContaining("[3, 6]");
  }

  @Test
  void aCorruptLastIsRefusedByTypeAndSkippedWithTheFallback(@TempDir Path tmp) throws Exception {
    Path run = copy(stage1, tmp.resolve("run"));
    Path last = run.resolve("models").resolve("last.ckpt");
    byte[] bytes = Files.readAllBytes(last);
    Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ENGINE.resumeStage1(run, ResumeFrom.last(), null, DATA))
        .isInstanceOf(CorruptCheckpointException.class)
        .satisfies(e -> assertThat(((CorruptCheckpointException) e).file()).isEqualTo(last));
    try (Stage1Trainer trainer =
        ENGINE.resumeStage1(run, ResumeFrom.last().orNewestIntact(), null, DATA)) {
      assertThat(trainer.iteration()).isEqualTo(6);
    }
  }

  @Test
  void aStructuralOverrideIsRefusedNamingTheField(@TempDir Path tmp) throws Exception {
    Path run = copy(stage1, tmp.resolve("run"));
    assertThatThrownBy(() -> ENGINE.resumeStage1(run, ResumeFrom.last(), b -> b.contentSize(5), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("contentSize");
  }

  @Test
  void encodeStoresTheCodesOfEveryImageAndTheirStatistics() throws Exception {
    assertThat(ENGINE.isEncoded(stage1, 3)).isFalse();
    EncodeResult codes = ENGINE.encode(stage1, 3, DATA, RunOptions.builder().intraOpThreads(1).build());
    assertThat(ENGINE.isEncoded(stage1, 3)).isTrue();
    assertThat(codes.iteration()).isEqualTo(3);
    assertThat(codes.count()).isEqualTo(DATA.size());
    assertThat(codes.contentSize()).isEqualTo(4);
    assertThat(codes.codes().mean().count()).isEqualTo(DATA.size());
    for (float s : codes.codes().std().toArray()) {
      assertThat(s).isPositive();
    }
    assertThat(codes.codesFile()).isRegularFile().hasParent(stage1.resolve("codes"));
    assertThat(codes.statsFile()).isRegularFile().hasParent(stage1.resolve("codes"));
    // The aggregate mean is the mean of the stored posterior means.
    float[] means = codes.codes().mean().toArray();
    for (int i = 0; i < codes.contentSize(); i++) {
      double m = 0;
      for (int n = 0; n < codes.count(); n++) {
        m += means[n * codes.contentSize() + i];
      }
      assertThat(codes.distribution().mean()[i]).isCloseTo(m / codes.count(), within(1e-5));
    }
    assertThat(codes.distribution().sample(5, 1).count()).isEqualTo(5);
    assertThatThrownBy(() -> ENGINE.encode(stage1, 4, DATA))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no numbered checkpoint 4");
  }

  @Test
  void theClassifierResumesAndLoadsForInference(@TempDir Path tmp) throws Exception {
    Path run = copy(classifier, tmp.resolve("run"));
    try (ClassifierTrainer trainer = ENGINE.resumeClassifier(run, ResumeFrom.numbered(4),
        b -> b.run(b.build().run().toBuilder().niter(6).build()), DATA)) {
      assertThat(trainer.iteration()).isEqualTo(4);
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(6);
    }
    assertThat(ENGINE.numberedCheckpoints(run)).containsExactly(4L, 6L);
    try (Classifier judge = ENGINE.loadClassifier(run, "6")) {
      ImageBatch images = ImageBatch.of(2, SIZE, concat(DATA.sample(0).rgba(), DATA.sample(1).rgba()));
      int[] predicted = judge.predict(images);
      assertThat(predicted).hasSize(2);
      for (int k : predicted) {
        assertThat(k).isBetween(0, DATA.classCount() - 1);
      }
    }
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void stage2StartsFromTheEncodedRunAndResumes(@TempDir Path tmp) throws Exception {
    long encoded = ENGINE.numberedCheckpoints(stage1).get(1);
    if (!ENGINE.isEncoded(stage1, encoded)) {
      ENGINE.encode(stage1, encoded, DATA);
    }
    Path run = tmp.resolve("stage2");
    Stage2Config config =
        Stage2Config.defaults(Recipe.DEFAULT, SIZE, stage1.toString(), encoded)
            .classifierRun(classifier.toString())
            .classifierIter(4)
            .batchSize(6)
            .visRows(2)
            .visCols(3)
            .run(run(2, 2))
            .build();
    try (Stage2Trainer trainer = ENGINE.stage2(config, DATA, run)) {
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(2);
      assertThat(trainer.discriminatorBatches()).isGreaterThanOrEqualTo(2);
      assertThat(trainer.config().stage1Iter()).isEqualTo(encoded);
    }
    long batches;
    try (Stage2Trainer trainer = ENGINE.resumeStage2(run, ResumeFrom.last(),
        b -> b.run(b.build().run().toBuilder().niter(3).build()), DATA)) {
      assertThat(trainer.iteration()).isEqualTo(2);
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(3);
      batches = trainer.discriminatorBatches();
    }
    assertThat(batches).isGreaterThanOrEqualTo(3);
    assertThat(loggedIterations(run)).containsExactly(1L, 2L, 3L);
    try (GadnModel model = ENGINE.load(run, "last")) {
      ImageBatch drawn = model.transfer(ImageBatch.of(1, SIZE, DATA.sample(0).rgba()), 7);
      assertThat(drawn.count()).isEqualTo(1);
      assertThat(drawn.size()).isEqualTo(SIZE);
    }
  }

  @Test
  void theGanBaselineTrainsAndResumesFromANumberedCheckpoint(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("gan");
    GanConfig config = GanConfig.defaults(Recipe.DEFAULT, SIZE)
        .noiseSize(4)
        .generator(NetworkStructure.defaults(Kind.GENERATOR, FEATURES))
        .discriminator(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .batchSize(6)
        .visCols(2)
        .run(run(2, 2))
        .build();
    try (GanTrainer trainer = ENGINE.gan(config, DATA, run)) {
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(2);
      assertThat(trainer.discriminatorBatches()).isGreaterThanOrEqualTo(2);
      assertThat(trainer.config().noiseSize()).isEqualTo(4);
    }
    try (GanTrainer trainer = ENGINE.resumeGan(run, ResumeFrom.numbered(2).orNewestIntact(),
        b -> b.run(b.build().run().toBuilder().niter(4).build()), DATA)) {
      assertThat(trainer.iteration()).isEqualTo(2);
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(4);
    }
    assertThat(ENGINE.numberedCheckpoints(run)).containsExactly(2L, 4L);
    assertThat(run.resolve("samples").resolve("4.png")).isRegularFile();
  }
}
