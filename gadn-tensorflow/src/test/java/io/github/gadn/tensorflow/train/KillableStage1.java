package io.github.gadn.tensorflow.train;

import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link KillAndResumeTest}: trains a tiny stage-1 network in a run folder,
 * starting it or, if it holds a run, resuming from {@code last}. Prints {@code resumed <t>} once
 * training is about to start, {@code iter <t>} after each iteration (before that iteration's
 * saves) and {@code done} at the end.
 */
final class KillableStage1 {
  static final ToyDataset DATA = new ToyDataset(12, 3, 24);

  private KillableStage1() {}

  /** Saves at every iteration so that kills often land in a write. */
  static Stage1Config config(long niter) {
    return TinyStage1.minimal()
        .run(
            RunOptions.builder()
                .niter(niter)
                .seed(13)
                .saveIter(1)
                .checkpointIter(3)
                .logIter(2)
                .visualizeIter(2)
                .build())
        .build();
  }

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    long niter = Long.parseLong(args[1]);
    try (Stage1Run trainer =
        Files.exists(run.resolve("options.json"))
            ? Stage1Run.resume(run, "last", false, null, DATA)
            : Stage1Run.start(config(niter), DATA, run)) {
      System.out.println("resumed " + trainer.iteration());
      trainer.train(event -> System.out.println("iter " + event.iteration()));
    }
    System.out.println("done");
  }
}
