package io.github.gadn.tensorflow.train;

import io.github.gadn.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link SoakTest}: trains the minimal stage-1 network for {@code niter}
 * iterations with the usual periodic saves, grids and log flushes, and prints {@code rss <t>
 * <kB>} (VmRSS of /proc/self/status) every {@code every} iterations, then {@code done}.
 */
final class SoakStage1 {
  private SoakStage1() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    long niter = Long.parseLong(args[1]);
    long every = Long.parseLong(args[2]);
    RunOptions options =
        RunOptions.builder().niter(niter).seed(2).saveIter(250).checkpointIter(1000).logIter(100)
            .visualizeIter(250).build();
    try (Stage1Run trainer =
        Stage1Run.start(TinyStage1.minimal().run(options).build(), KillableStage1.DATA, run)) {
      trainer.train(
          event -> {
            if (event.iteration() % every == 0) {
              System.out.println("rss " + event.iteration() + " " + residentKib());
            }
          });
    }
    System.out.println("done");
  }

  /** VmRSS in KiB. */
  static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("no VmRSS line in /proc/self/status");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
