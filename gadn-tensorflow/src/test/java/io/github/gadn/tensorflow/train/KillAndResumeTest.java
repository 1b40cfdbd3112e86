package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.TrainingListener;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.AtomicFiles;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage-1 training in a child JVM ({@link KillableStage1}, saving at every iteration) killed with
 * SIGKILL at seeded random moments (two kills of each {@link Moment}), then resumed; after every kill each file of the run folder is
 * checked, and at the end the finished run is compared bit for bit with an uninterrupted one.
 */
class KillAndResumeTest {
  private static final long NITER = 60;

  /** When a child is killed. */
  private enum Moment {
    /** As soon as the fresh run's first file appears in models/: its iteration-0 save. */
    COMMIT,
    /** At a random time before training starts: JVM start, graph building, restore. */
    STARTUP,
    /** A random few milliseconds after a random iteration ended (mostly inside its saves). */
    ITERATION,
    /** As soon as a checkpoint's temporary file appears, i.e. in the middle of writing it. */
    WRITE
  }

  private static final List<Moment> SCHEDULE =
      List.of(Moment.COMMIT, Moment.ITERATION, Moment.WRITE, Moment.STARTUP, Moment.ITERATION,
          Moment.WRITE);

  @Test
  void aRunKilledAtRandomMomentsAlwaysResumesWithIntactFiles(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    SplittableRandom random = new SplittableRandom(20261201);
    long saved = 0; // the iteration of last after the previous kill
    int inWrites = 0;
    long startupMillis = 0; // of the previous child, until it printed "resumed"
    for (int kill = 0; kill <= SCHEDULE.size(); kill++) {
      Moment moment = kill == SCHEDULE.size() ? null : SCHEDULE.get(kill);
      long printed = saved; // the highest "iter t" the child printed
      long launched = System.nanoTime();
      try (ChildJvm child = new ChildJvm(KillableStage1.class, List.of("-Xmx256m"),
          dir.resolve("child-" + kill + ".err"), run.toString(), Long.toString(NITER))) {
        if (moment == Moment.COMMIT) {
          awaitFirstFile(new RunFolder(run).models());
        } else if (moment == Moment.STARTUP) {
          Thread.sleep(random.nextLong(startupMillis));
        } else {
          String line = child.nextLine(300);
          startupMillis = (System.nanoTime() - launched) / 1_000_000;
          assertThat(line).as(child.stderr()).isEqualTo("resumed " + saved);
          long target = saved + 1 + random.nextInt(4);
          while ((line = child.nextLine(60)) != null && line.startsWith("iter ")) {
            printed = Long.parseLong(line.substring(5));
            if (moment != null && printed >= target) {
              break;
            }
          }
          if (moment == null) {
            assertThat(line).as(child.stderr()).isEqualTo("done");
            assertThat(child.waitFor(60)).as(child.stderr()).isZero();
            break;
          }
          if (moment == Moment.ITERATION) {
            Thread.sleep(random.nextInt(20));
          } else {
            awaitTemporary(new RunFolder(run).models());
          }
        }
        child.kill();
        for (String line; (line = child.nextLine(10)) != null; ) {
          if (line.startsWith("iter ")) {
            printed = Long.parseLong(line.substring(5));
          }
        }
      }
      long temporaries = temporaries(run);
      inWrites += temporaries > 0 ? 1 : 0;
      long last = checkEveryFile(run);
      System.out.printf("kill %d at %s: printed iteration %d, last %d, %d temporary files%n",
          kill + 1, moment, printed, last, temporaries);
      // "iter t" is printed before iteration t's saves, so t − 1 had been saved.
      assertThat(last).as("last after kill %s (%s)", kill, moment)
          .isBetween(Math.max(saved, printed - 1), printed);
      saved = last;
    }
    System.out.printf("kill test: %d SIGKILLs, %d of them left a file half-written (as a"
        + " temporary)%n", SCHEDULE.size(), inWrites);
    checkEveryFile(run);
    List<String> log = Files.readAllLines(run.resolve("log.csv"));
    assertThat(log).hasSize((int) NITER + 1);
    for (int t = 1; t <= NITER; t++) {
      assertThat(LossLog.iteration(log.get(t), Stage1Graph.LOGGED.size())).isEqualTo(t);
    }
    Path straight = dir.resolve("straight");
    try (Stage1Run trainer =
        Stage1Run.start(KillableStage1.config(NITER), KillableStage1.DATA, straight)) {
      trainer.train(TrainingListener.none());
    }
    SameState.assertSameLast(straight, run);
  }

  /** Returns once {@code models} holds a file (or after 300 s). */
  private static void awaitFirstFile(Path models) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(models)) {
        try (var files = Files.list(models)) {
          if (files.findAny().isPresent()) {
            return;
          }
        }
      }
      Thread.sleep(1);
    }
  }

  /** Returns once a temporary file is created in {@code models} (or after 10 s). */
  private static void awaitTemporary(Path models) throws Exception {
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      models.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
        if (key != null) {
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path p && AtomicFiles.isTemporary(p)) {
              return;
            }
          }
          key.reset();
        }
      }
    }
  }

  private static long temporaries(Path run) throws Exception {
    if (!Files.isDirectory(run)) {
      return 0;
    }
    try (var files = Files.walk(run, 2)) {
      return files.filter(AtomicFiles::isTemporary).count();
    }
  }

  /**
   * Checks that every file a kill may have hit is whole: each checkpoint reads with its checksum,
   * options.json parses, every log row but a torn last one is complete, every grid decodes.
   *
   * @return the iteration of {@code last}, 0 if the fresh run was not committed yet
   */
  private static long checkEveryFile(Path run) throws Exception {
    RunFolder folder = new RunFolder(run);
    if (!Files.exists(folder.options())) {
      return 0; // killed before the fresh run was committed: it starts again
    }
    assertThat(Json.parse(Files.readString(folder.options())))
        .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("stage", "stage1");
    for (long t : folder.numberedIterations()) {
      assertThat(Checkpoint.read(folder.numbered(t)).metadata()).containsEntry("iteration", "" + t);
    }
    List<String> rows = Files.readAllLines(folder.log());
    assertThat(rows.get(0)).startsWith("iter,rec,");
    for (int i = 1; i < rows.size() - 1; i++) {
      assertThat(LossLog.iteration(rows.get(i), Stage1Graph.LOGGED.size())).isEqualTo(i);
    }
    try (var grids = Files.list(folder.grids("reconstructions"))) {
      for (Path png : (Iterable<Path>) grids::iterator) {
        if (!AtomicFiles.isTemporary(png)) {
          assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
        }
      }
    }
    return Long.parseLong(Checkpoint.read(folder.last()).metadata().get("iteration"));
  }
}
