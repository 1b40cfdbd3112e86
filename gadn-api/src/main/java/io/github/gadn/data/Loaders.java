package io.github.gadn.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The prefetching implementations of {@link BatchIterator}. */
final class Loaders {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private Loaders() {}

  /**
   * Index sequence on the consumer thread, decoding on a fixed pool: the producer cursor runs
   * {@code depth} batches ahead of the consumer cursor; a task per batch.
   */
  abstract static class Prefetching implements BatchIterator {
    final LabelledDataset data;
    final int batchSize;
    private final ThreadPoolExecutor workers;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private final int depth;
    private String failure;
    private boolean closed;

    Prefetching(LabelledDataset data, int batchSize, int threads, int depth) {
      this.data = data;
      this.batchSize = batchSize;
      this.depth = depth;
      int pool = POOLS.incrementAndGet();
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread t = new Thread(r, "gadn-loader-" + pool + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.workers =
          new ThreadPoolExecutor(
              threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /** The indices of the next batch to schedule, advancing the producer cursor, or null at the end. */
    abstract int[] produce();

    /** Advances the consumer cursor past a batch of {@code n} items. */
    abstract void consumed(int n);

    /** Schedules batches until {@code depth} are ahead. Subclasses call it once constructed. */
    final void fill() {
      while (!closed && ahead.size() < depth) {
        int[] indices = produce();
        if (indices == null) {
          return;
        }
        ahead.add(workers.submit(() -> BatchIterator.assemble(data, indices)));
      }
    }

    @Override
    public synchronized boolean hasNext() {
      return !closed && !ahead.isEmpty();
    }

    @Override
    public synchronized Batch next() throws IOException {
      if (failure != null) {
        throw new IllegalStateException("batch iterator stopped after an error: " + failure);
      }
      if (closed) {
        throw new IllegalStateException("batch iterator is closed");
      }
      Future<Batch> f = ahead.poll();
      if (f == null) {
        throw new NoSuchElementException("no more batches (" + data.size() + " items)");
      }
      fill();
      Batch batch;
      try {
        batch = f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IOException("interrupted while waiting for a batch of " + data.description(), e);
      } catch (CancellationException e) {
        throw new IllegalStateException("batch iterator is closed", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        String message = cause instanceof DataException
            ? cause.getMessage()
            : "cannot load a batch of " + data.description() + ": " + cause;
        failure = message;
        close();
        throw new DataException(message, cause);
      }
      consumed(batch.size());
      return batch;
    }

    @Override
    public synchronized int ready() {
      int n = 0;
      for (Future<Batch> f : ahead) {
        if (f.isDone() && !f.isCancelled()) {
          n++;
        }
      }
      return n;
    }

    @Override
    public synchronized int queued() {
      return ahead.size();
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (Future<Batch> f : ahead) {
        f.cancel(true);
      }
      ahead.clear();
      workers.shutdownNow();
    }

    /**
     * Waits for the worker threads to end after {@link #close()} (for tests).
     *
     * @return true if they all ended within the time
     */
    boolean awaitTermination(long millis) throws InterruptedException {
      return workers.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Shuffled epochs, tail dropped (docs/method.md §2.5). */
  static final class Shuffled extends Prefetching {
    private final long seed;
    private long epoch;
    private int position;
    private int[] order;
    private long consumedEpoch;
    private int consumedPosition;

    Shuffled(LabelledDataset data, int batchSize, int threads, int depth, BatchIterator.State start) {
      super(data, batchSize, threads, depth);
      this.seed = start.seed();
      this.epoch = start.epoch();
      this.position = start.position();
      this.consumedEpoch = epoch;
      this.consumedPosition = position;
      fill();
    }

    @Override
    int[] produce() {
      int n = data.size();
      if (position + batchSize > n) {
        epoch++;
        position = 0;
        order = null;
      }
      if (order == null) {
        order = BatchIterator.permutation(n, seed, epoch);
      }
      int[] indices = Arrays.copyOfRange(order, position, position + batchSize);
      position += batchSize;
      return indices;
    }

    @Override
    void consumed(int count) {
      if (consumedPosition + count > data.size()) {
        consumedEpoch++;
        consumedPosition = 0;
      }
      consumedPosition += count;
    }

    @Override
    public synchronized BatchIterator.State cursor() {
      return new BatchIterator.State(seed, consumedEpoch, consumedPosition);
    }
  }

  /** All items in order, last partial batch kept (encode step). */
  static final class Sequential extends Prefetching {
    private int position;
    private int consumedPosition;

    Sequential(LabelledDataset data, int batchSize, int threads, int depth, int start) {
      super(data, batchSize, threads, depth);
      this.position = start;
      this.consumedPosition = start;
      fill();
    }

    @Override
    int[] produce() {
      int n = data.size();
      if (position >= n) {
        return null;
      }
      int end = Math.min(n, position + batchSize);
      int[] indices = new int[end - position];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = position + i;
      }
      position = end;
      return indices;
    }

    @Override
    void consumed(int count) {
      consumedPosition += count;
    }

    @Override
    public synchronized BatchIterator.State cursor() {
      return new BatchIterator.State(0, 0, consumedPosition);
    }
  }
}
