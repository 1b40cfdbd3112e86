package io.github.gadn.tensorflow.train;

import io.github.gadn.config.RunOptions;
import io.github.gadn.data.Batch;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
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

/** Batch sources for the trainers. */
final class BatchSources {
  private BatchSources() {}

  /**
   * Shuffled epochs (spec §2.5): a permutation per epoch drawn from the run seed and the epoch
   * number, batches of consecutive items, the incomplete tail dropped. Batches are assembled ahead
   * on {@code nloader} background threads; the order never depends on the thread count.
   *
   * @param state position saved in a checkpoint ({@code data.epoch}, {@code data.position}), or
   *     {@code null} to start at the beginning
   */
  static BatchSource shuffled(
      LabelledDataset data, int batchSize, RunOptions run, Map<String, String> state) {
    long epoch = 0;
    int position = 0;
    if (state != null && state.containsKey("data.epoch")) {
      epoch = Long.parseLong(state.get("data.epoch"));
      position = Integer.parseInt(state.get("data.position"));
    }
    return new Shuffled(data, batchSize, run.seed(), run.nloader(), epoch, position);
  }

  private static final class Shuffled implements BatchSource {
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

    Shuffled(LabelledDataset data, int batchSize, long seed, int threads, long epoch, int position) {
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
      ahead.add(workers.submit(() -> assemble(indices)));
    }

    private Batch assemble(int[] indices) throws IOException {
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
