package io.github.gadn.engine;

/** Registers an engine through {@link java.util.ServiceLoader}. */
public interface EngineProvider {

  /** Engine name, e.g. {@code "tensorflow"}. */
  String name();

  /** The engine (created once and cached by {@link Engines}). */
  GadnEngine engine();
}
