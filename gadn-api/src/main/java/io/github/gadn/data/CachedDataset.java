package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps decoded, preprocessed samples in memory after their first use, so later epochs skip
 * decoding. Memory: {@code size · imageSize² · 4} floats (plus weight maps) when everything is
 * cached; an optional byte budget stops caching once it is used up (the remaining samples are
 * decoded on every read). Thread-safe: two threads may decode the same sample once each, the
 * first result is kept.
 *
 * <pre>{@code
 * LabelledDataset all = CachedDataset.of(data);
 * LabelledDataset some = CachedDataset.of(data, 2L << 30);   // at most 2 GiB
 * }</pre>
 */
public final class CachedDataset extends ForwardingDataset {
  private final AtomicReferenceArray<Sample> cache;
  private final long maxBytes;
  private final AtomicLong used = new AtomicLong();
  private final Object[] stripes = new Object[64];

  private CachedDataset(LabelledDataset data, long maxBytes) {
    super(data);
    this.cache = new AtomicReferenceArray<>(data.size());
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Wraps {@code data} with an unbounded in-memory cache.
   *
   * @param data the data set
   * @return the caching view ({@code data} itself if it already caches everything)
   */
  public static LabelledDataset of(LabelledDataset data) {
    checkNotNull(data, "data");
    if (data instanceof CachedDataset c && c.maxBytes == Long.MAX_VALUE) {
      return c;
    }
    return new CachedDataset(data, Long.MAX_VALUE);
  }

  /**
   * Wraps {@code data} with an in-memory cache limited to {@code maxBytes} of pixel and weight
   * arrays.
   *
   * @param data the data set
   * @param maxBytes the budget, positive
   * @return the caching view
   */
  public static LabelledDataset of(LabelledDataset data, long maxBytes) {
    checkNotNull(data, "data");
    checkArgument(maxBytes > 0, "maxBytes must be positive, got %s", maxBytes);
    return new CachedDataset(data, maxBytes);
  }

  /**
   * Bytes of pixel and weight arrays held now.
   *
   * @return the bytes used
   */
  public long bytesUsed() {
    return used.get();
  }

  @Override
  public Sample sample(int index) throws IOException {
    Sample s = cache.get(index);
    if (s != null) {
      return s;
    }
    // Two loader threads can ask for the same index at once (the end of one epoch and the start
    // of the next): a striped lock makes the second wait for the first decode instead of
    // decoding again.
    synchronized (stripes[Math.floorMod(index, stripes.length)]) {
      s = cache.get(index);
      return s != null ? s : decode(index);
    }
  }

  private Sample decode(int index) throws IOException {
    Sample s = delegate.sample(index);
    long bytes = 4L * (s.rgba().length + s.weight().map(w -> w.length).orElse(0));
    if (used.addAndGet(bytes) <= maxBytes) {
      if (cache.compareAndSet(index, null, s)) {
        return s;
      }
      used.addAndGet(-bytes);
      return cache.get(index);
    }
    used.addAndGet(-bytes);
    return s;
  }
}
