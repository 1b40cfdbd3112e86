package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Mini-batches of a {@link LabelledDataset}, decoded ahead on background threads.
 *
 * <p><b>Shuffled</b> (training, docs/method.md §2.5): epoch {@code e} visits the data in a
 * permutation drawn from a generator seeded by {@code (seed, e)}; batches are {@code N} consecutive
 * items of it and the incomplete tail of every epoch is dropped. The position after the last
 * returned batch, {@link #cursor()} ({@code seed, epoch, position}) or its string form {@link
 * #state()}, restarts an iterator that continues exactly where this one stopped.
 *
 * <p><b>Sequential</b> (encode step): indices {@code 0, 1, …, size − 1} in order, the last
 * partial batch kept, then {@link #hasNext()} is false.
 *
 * <p>Decoding and preprocessing run on {@code threads} ({@code nloader}) background threads, one
 * batch per task, with up to {@code prefetch} batches decoded or in progress ahead of the
 * consumer, so in steady state {@link #next()} does not wait. The batch sequence depends only on
 * the data, the batch size and the seed, never on the number of threads. A failure to read a
 * sample surfaces from {@link #next()} as a {@link DataException} naming the file; the iterator
 * then stops its threads. {@link #close()} stops them too.
 *
 * <pre>{@code
 * try (BatchIterator it = BatchIterator.builder(data).batchSize(32).seed(1).threads(4).shuffled()) {
 *   Batch b = it.next();
 *   Map<String, String> saved = it.state();   // store with the checkpoint
 * }
 * try (BatchIterator it = BatchIterator.builder(data).batchSize(64).sequential()) {
 *   while (it.hasNext()) { encode(it.next()); }
 * }
 * }</pre>
 */
public interface BatchIterator extends AutoCloseable {

  /** Key of the epoch in {@link #state()}. */
  String EPOCH_KEY = "data.epoch";
  /** Key of the position within the epoch in {@link #state()}. */
  String POSITION_KEY = "data.position";
  /** Key of the seed in {@link #state()}. */
  String SEED_KEY = "data.seed";

  /**
   * The position of an iterator: the next batch starts at item {@code position} of the
   * permutation of epoch {@code epoch} drawn from {@code seed} (if a whole batch still fits in
   * that epoch, otherwise at the start of the next epoch).
   *
   * @param seed seed of the permutations
   * @param epoch epoch number, from 0
   * @param position items of the epoch already returned
   */
  record State(long seed, long epoch, int position) {
    /**
     * Checks the values.
     *
     * @param seed any seed
     * @param epoch {@code >= 0}
     * @param position {@code >= 0}
     */
    public State {
      checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
      checkArgument(position >= 0, "position must be >= 0, got %s", position);
    }

    /**
     * The start of the first epoch.
     *
     * @param seed seed of the permutations
     * @return epoch 0, position 0
     */
    public static State start(long seed) {
      return new State(seed, 0, 0);
    }

    /**
     * This state as strings ({@link #SEED_KEY}, {@link #EPOCH_KEY}, {@link #POSITION_KEY}), for
     * checkpoint metadata.
     *
     * @return a new mutable map
     */
    public Map<String, String> toMap() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(EPOCH_KEY, Long.toString(epoch));
      m.put(POSITION_KEY, Integer.toString(position));
      m.put(SEED_KEY, Long.toString(seed));
      return m;
    }

    /**
     * Reads a state written by {@link #toMap()}; other keys are ignored. A map without the epoch
     * key is the start; a map without a seed key takes {@code defaultSeed}.
     *
     * @param map the saved strings, or {@code null} for the start
     * @param defaultSeed seed used when the map holds none
     * @return the state
     * @throws IllegalArgumentException naming the key whose value is not a number
     */
    public static State fromMap(Map<String, String> map, long defaultSeed) {
      if (map == null || !map.containsKey(EPOCH_KEY)) {
        return start(defaultSeed);
      }
      return new State(
          map.containsKey(SEED_KEY) ? number(map, SEED_KEY) : defaultSeed,
          number(map, EPOCH_KEY),
          Math.toIntExact(number(map, POSITION_KEY)));
    }

    private static long number(Map<String, String> map, String key) {
      String v = map.get(key);
      try {
        return Long.parseLong(checkNotNull(v, "%s is missing", key).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a number, got \"" + v + "\"", e);
      }
    }
  }

  /**
   * The next batch, waiting only if it is not decoded yet.
   *
   * @return the batch
   * @throws DataException naming the file that could not be read (the iterator is then closed)
   * @throws IOException if waiting was interrupted
   * @throws NoSuchElementException after the last batch of a sequential iterator
   * @throws IllegalStateException after {@link #close()} or an earlier failure
   */
  Batch next() throws IOException;

  /**
   * Whether {@link #next()} has a batch: always true for a shuffled iterator.
   *
   * @return true if another batch follows
   */
  boolean hasNext();

  /**
   * The position after the last batch returned by {@link #next()}.
   *
   * @return seed, epoch and position
   */
  State cursor();

  /**
   * {@link #cursor()} as strings ({@code data.epoch}, {@code data.position}, {@code data.seed})
   * for checkpoint metadata; pass it back to {@link #shuffled} to resume.
   *
   * @return a new mutable map
   */
  default Map<String, String> state() {
    return cursor().toMap();
  }

  /**
   * Batches fully decoded and waiting for {@link #next()} right now (for monitoring and tests).
   *
   * @return the count
   */
  int ready();

  /**
   * Batches decoded or being decoded ahead of the consumer right now.
   *
   * @return the count
   */
  int queued();

  /** Stops the background threads; pending work is abandoned. Idempotent. */
  @Override
  void close();

  /**
   * Shuffled epochs (docs/method.md §2.5), resuming from a saved {@link #state()}.
   *
   * @param data the data set
   * @param batchSize batch size {@code N}, between 1 and the data size
   * @param seed seed of the permutations; a seed saved in {@code state} takes precedence so that
   *     a resumed run continues the same order
   * @param threads decoding threads ({@code nloader}), at least 1
   * @param state a saved {@link #state()}, or {@code null} to start at the beginning
   * @return the iterator; close it
   */
  static BatchIterator shuffled(
      LabelledDataset data, int batchSize, long seed, int threads, Map<String, String> state) {
    return builder(data).batchSize(batchSize).threads(threads).resume(State.fromMap(state, seed)).shuffled();
  }

  /**
   * The data in order, in batches of {@code batchSize}, the last partial batch kept (encode step).
   *
   * @param data the data set
   * @param batchSize batch size, at least 1
   * @param threads decoding threads, at least 1
   * @return the iterator; close it
   */
  static BatchIterator sequential(LabelledDataset data, int batchSize, int threads) {
    return builder(data).batchSize(batchSize).threads(threads).sequential();
  }

  /**
   * Options for an iterator over {@code data}.
   *
   * @param data the data set
   * @return a builder (batch size 32, seed 0, one thread, prefetch {@code threads + 1}, no cache)
   */
  static Builder builder(LabelledDataset data) {
    return new Builder(data);
  }

  /**
   * Assembles one batch from data-set indices, in the calling thread (weights present if the data
   * set has them).
   *
   * @param data the data set
   * @param indices data-set indices
   * @return the batch
   * @throws DataException naming the file (or the sample and data set) that could not be read
   */
  static Batch assemble(LabelledDataset data, int[] indices) throws DataException {
    int r = data.imageSize();
    float[] rgba = new float[indices.length * r * r * 4];
    float[] weights = data.hasWeightMaps() ? new float[indices.length * r * r] : null;
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      Sample s;
      try {
        s = data.sample(indices[i]);
      } catch (DataException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new DataException(
            "cannot load sample " + indices[i] + " of " + data.description() + ": " + e, e);
      }
      if (s.size() != r) {
        throw new DataException(
            "sample " + indices[i] + " of " + data.description() + " has size " + s.size()
                + ", expected " + r);
      }
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      if (weights != null) {
        float[] w = s.weight().orElse(null);
        if (w == null) {
          throw new DataException(
              "sample " + indices[i] + " of " + data.description() + " has no weight map");
        }
        System.arraycopy(w, 0, weights, i * r * r, r * r);
      }
      labels[i] = s.label();
    }
    return new Batch(indices.length, r, rgba, weights, labels, indices.clone());
  }

  /**
   * The permutation of epoch {@code epoch} used by shuffled iterators: a Fisher–Yates shuffle
   * driven by a {@link SplittableRandom} seeded from {@code seed} and {@code epoch}.
   *
   * @param size number of items
   * @param seed seed of the permutations
   * @param epoch epoch number
   * @return a permutation of {@code 0 … size − 1}
   */
  static int[] permutation(int size, long seed, long epoch) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Options of a {@link BatchIterator}; {@link #shuffled()} or {@link #sequential()} starts it. */
  final class Builder {
    private final LabelledDataset data;
    private int batchSize = 32;
    private long seed;
    private int threads = 1;
    private int prefetch;
    private boolean cache;
    private State resume;

    private Builder(LabelledDataset data) {
      this.data = checkNotNull(data, "data");
    }

    /**
     * Batch size {@code N}.
     *
     * @param batchSize at least 1 (at most the data size when shuffled)
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Seed of the shuffled permutations (default 0).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Decoding threads ({@code nloader}, default 1).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1, "threads (nloader) must be >= 1, got %s", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Batches decoded ahead of the consumer.
     *
     * @param prefetch at least 1; 0 (default) for {@code threads + 1}
     * @return this builder
     */
    public Builder prefetch(int prefetch) {
      checkArgument(prefetch >= 0, "prefetch must be >= 0, got %s", prefetch);
      this.prefetch = prefetch;
      return this;
    }

    /**
     * Keep decoded samples in memory ({@link CachedDataset}) so later epochs skip decoding.
     *
     * @param cache true to cache (default false)
     * @return this builder
     */
    public Builder cache(boolean cache) {
      this.cache = cache;
      return this;
    }

    /**
     * Start at a saved position instead of the beginning; its seed replaces {@link #seed}.
     *
     * @param state a {@link BatchIterator#cursor()}, or {@code null} for the beginning
     * @return this builder
     */
    public Builder resume(State state) {
      this.resume = state;
      return this;
    }

    private LabelledDataset source() {
      return cache ? CachedDataset.of(data) : data;
    }

    private int depth() {
      return prefetch > 0 ? prefetch : threads + 1;
    }

    /**
     * Starts a shuffled iterator (docs/method.md §2.5).
     *
     * @return the iterator; close it
     * @throws IllegalArgumentException if the batch is larger than the data
     */
    public BatchIterator shuffled() {
      checkArgument(
          batchSize <= data.size(),
          "batchSize %s is larger than the data set (%s images in %s)",
          batchSize, data.size(), data.description());
      State start = resume != null ? resume : State.start(seed);
      return new Loaders.Shuffled(source(), batchSize, threads, depth(), start);
    }

    /**
     * Starts a sequential iterator (encode step): all items in order, last partial batch kept;
     * {@link #resume} may give a position (its epoch and seed are ignored).
     *
     * @return the iterator; close it
     */
    public BatchIterator sequential() {
      int position = resume == null ? 0 : resume.position();
      checkArgument(
          position <= data.size(), "resume position %s is beyond the data size %s", position, data.size());
      return new Loaders.Sequential(source(), batchSize, threads, depth(), position);
    }
  }
}
