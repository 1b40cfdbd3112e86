/**
 * Engine service-provider interface: an engine implements {@link io.github.gadn.engine.GadnEngine}
 * and registers an {@link io.github.gadn.engine.EngineProvider} in {@code
 * META-INF/services/io.github.gadn.engine.EngineProvider}; {@link io.github.gadn.engine.Engines}
 * finds it.
 */
package io.github.gadn.engine;
