package io.github.gadn.tensorflow;

import io.github.gadn.engine.EngineProvider;
import io.github.gadn.engine.GadnEngine;

/** Registers {@link TensorFlowEngine} with {@link java.util.ServiceLoader}. */
public final class TensorFlowEngineProvider implements EngineProvider {
  /** The engine's name. */
  public static final String NAME = "tensorflow";

  private static final GadnEngine ENGINE = new TensorFlowEngine();

  /** Creates the provider; {@link java.util.ServiceLoader} does, once per lookup. */
  public TensorFlowEngineProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GadnEngine engine() {
    return ENGINE;
  }
}
