package io.github.gadn.data;

import java.io.IOException;
import java.util.List;

/** A data set that forwards every call to another; subclasses change what they need. */
public abstract class ForwardingDataset implements LabelledDataset {
  /** The wrapped data set. */
  protected final LabelledDataset delegate;

  /** Wraps {@code delegate}. */
  protected ForwardingDataset(LabelledDataset delegate) {
    this.delegate = delegate;
  }

  @Override
  public Sample sample(int index) throws IOException {
    return delegate.sample(index);
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public int imageSize() {
    return delegate.imageSize();
  }

  @Override
  public List<String> classNames() {
    return delegate.classNames();
  }

  @Override
  public int label(int index) {
    return delegate.label(index);
  }

  @Override
  public boolean hasWeightMaps() {
    return delegate.hasWeightMaps();
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public String fingerprint() {
    return delegate.fingerprint();
  }

  @Override
  public java.util.Optional<DataSource> source() {
    return delegate.source();
  }
}
