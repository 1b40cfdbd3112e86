package io.github.gadn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training batches (spec §2.5): shuffled epochs — a permutation per epoch drawn from the seed and
 * the epoch number, batches of consecutive items, the incomplete tail dropped. Batches are decoded
 * ahead on background threads so the training thread does not wait on I/O in steady state; the
 * order never depends on the number of threads. The position ({@link #state()}) can be saved and
 * restored for exact resume. Close it to stop the threads.
 */
public interface BatchIterator extends AutoCloseable {

  /**
   * The next batch.
   *
   * @throws IOException naming the file that could not be read
   */
  Batch next() throws IOException;

  /** The position after the last batch returned ({@code data.epoch}, {@code data.position}). */
  Map<String, String> state();

  /** Batches decoded ahead and ready now (for monitoring). */
  int ready();

  /** Stops the background threads. */
  @Override
  void close();

  /**
   * Shuffled epochs.
   *
   * @param data the data set
   * @param batchSize batch size, at most the data size
   * @param seed seed of the permutations
   * @param threads decoding threads ({@code nloader}), at least 1
   * @param state a saved {@link #state()}, or {@code null} to start at the beginning
   */
  static BatchIterator shuffled(
      LabelledDataset data, int batchSize, long seed, int threads, Map<String, String> state) {
    com.google.common.base.Preconditions.checkArgument(
        batchSize >= 1 && batchSize <= data.size(),
        "batch size %s must be between 1 and the data size %s", batchSize, data.size());
    com.google.common.base.Preconditions.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    long epoch = 0;
    int position = 0;
    if (state != null && state.containsKey("data.epoch")) {
      epoch = Long.parseLong(state.get("data.epoch"));
      position = Integer.parseInt(state.get("data.position"));
    }
    return new Shuffled(data, batchSize, seed, threads, epoch, position);
  }

  /**
   * Assembles one batch from data-set indices (weights present if the data set has them).
   *
   * @throws IOException naming the file that could not be read
   */
  static Batch assemble(LabelledDataset data, int[] indices) throws IOException {
    int r = data.imageSize();
    float[] rgba = new float[indices.length * r * r * 4];
    float[] weights = data.hasWeightMaps() ? new float[indices.length * r * r] : null;
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      Sample s = data.sample(indices[i]);
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      if (weights != null) {
        System.arraycopy(s.weight().orElseThrow(), 0, weights, i * r * r, r * r);
      }
      labels[i] = s.label();
    }
    return new Batch(indices.length, r, rgba, weights, labels, indices);
  }

  /** The shuffled implementation. */
  final class Shuffled implements BatchIterator {
    private final LabelledDataset data;
    private final int batchSize;
    private final long seed;
    private final ExecutorService workers;
    private final BlockingQueue<Future<Batch>> ahead;
    private long epoch;
    private int position;
    private int[] order;
    private long consumedEpoch;
    private int consumedPosition;

    private Shuffled(LabelledDataset data, int batchSize, long seed, int threads, long epoch, int position) {
      this.data = data;
      this.batchSize = batchSize;
      this.seed = seed;
      this.epoch = epoch;
      this.position = position;
      this.consumedEpoch = epoch;
      this.consumedPosition = position;
      this.order = permutation(epoch);
      this.workers =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "gadn-batches");
                t.setDaemon(true);
                return t;
              });
      this.ahead = new ArrayBlockingQueue<>(Math.max(2, threads * 2));
    }

    private int[] permutation(long e) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e);
      int n = data.size();
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    }

    /** Schedules the batch at the producer position and advances it. */
    private void schedule() {
      if (position + batchSize > order.length) {
        epoch++;
        position = 0;
        order = permutation(epoch);
      }
      int[] indices = java.util.Arrays.copyOfRange(order, position, position + batchSize);
      position += batchSize;
      ahead.add(workers.submit(() -> assemble(data, indices)));
    }

    @Override
    public int ready() {
      int n = 0;
      for (Future<Batch> f : ahead) {
        if (f.isDone()) {
          n++;
        }
      }
      return n;
    }

    @Override
    public Batch next() throws IOException {
      while (ahead.remainingCapacity() > 0) {
        schedule();
      }
      Future<Batch> f = ahead.remove();
      if (consumedPosition + batchSize > data.size()) {
        consumedEpoch++;
        consumedPosition = 0;
      }
      consumedPosition += batchSize;
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while loading a batch", e);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        throw new IOException("loading a batch failed: " + cause, cause);
      }
    }

    @Override
    public Map<String, String> state() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("data.epoch", Long.toString(consumedEpoch));
      m.put("data.position", Integer.toString(consumedPosition));
      return m;
    }

    @Override
    public void close() {
      workers.shutdownNow();
    }
  }
}
