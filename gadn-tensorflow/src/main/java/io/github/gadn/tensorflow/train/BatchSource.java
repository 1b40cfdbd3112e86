package io.github.gadn.tensorflow.train;

import io.github.gadn.data.Batch;
import java.io.IOException;
import java.util.Map;

/** Supplies training batches and reports its position so a resumed run continues exactly. */
interface BatchSource extends AutoCloseable {

  /** The next batch. */
  Batch next() throws IOException;

  /** The position after the last batch returned, as strings for checkpoint metadata. */
  Map<String, String> state();

  @Override
  void close();
}
