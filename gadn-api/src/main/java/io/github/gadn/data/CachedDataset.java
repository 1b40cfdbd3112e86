package io.github.gadn.data;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps every decoded, preprocessed sample in memory after its first use, so later epochs skip
 * decoding. Memory: {@code size · imageSize² · 4} floats (plus weight maps); thread-safe.
 */
public final class CachedDataset extends ForwardingDataset {
  private final AtomicReferenceArray<Sample> cache;

  private CachedDataset(LabelledDataset data) {
    super(data);
    this.cache = new AtomicReferenceArray<>(data.size());
  }

  /** Wraps {@code data} with an in-memory cache. */
  public static LabelledDataset of(LabelledDataset data) {
    return data instanceof CachedDataset ? data : new CachedDataset(data);
  }

  @Override
  public Sample sample(int index) throws IOException {
    Sample s = cache.get(index);
    if (s == null) {
      s = delegate.sample(index);
      cache.compareAndSet(index, null, s);
    }
    return s;
  }
}
