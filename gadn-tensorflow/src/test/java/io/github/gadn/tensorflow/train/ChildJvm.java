package io.github.gadn.tensorflow.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test main class run in a child JVM with this JVM's class path; its standard output is read
 * line by line, its standard error goes to a file for the failure message. The child runs with
 * {@code MALLOC_ARENA_MAX=2} (fewer glibc arenas keep resident memory steadier for measurement).
 */
final class ChildJvm implements AutoCloseable {
  private static final String EOF = "\u0000eof";
  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  ChildJvm(Class<?> main, List<String> jvmOptions, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    this.stderr = stderr;
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    process = builder.start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The child was killed mid-line: the lines read so far are all there is.
              } finally {
                lines.add(EOF);
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next line of standard output, or null at its end; fails after {@code seconds}. */
  String nextLine(double seconds) throws InterruptedException {
    String line = lines.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("child printed nothing for " + seconds + " s; stderr:\n" + stderr());
    }
    return line.equals(EOF) ? null : line;
  }

  /** Kills the child with SIGKILL (on Linux) and waits for it to die. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for the child to exit and returns its exit code. */
  int waitFor(double seconds) throws InterruptedException {
    if (!process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child did not finish in " + seconds + " s; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** The tail of the child's standard error. */
  String stderr() {
    try {
      String all = Files.readString(stderr, StandardCharsets.UTF_8);
      return all.substring(Math.max(0, all.length() - 4000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    reader.join(10_000);
  }
}
