/**
 * gadn-api: the engine-neutral public API of gadn-java. Every package is exported; engines are
 * found as {@link io.github.gadn.engine.EngineProvider} services.
 */
module io.github.gadn {
  requires transitive java.desktop;
  requires transitive com.google.common;
  requires org.slf4j;
  requires org.tukaani.xz;

  exports io.github.gadn;
  exports io.github.gadn.config;
  exports io.github.gadn.data;
  exports io.github.gadn.data.synth;
  exports io.github.gadn.engine;
  exports io.github.gadn.json;
  exports io.github.gadn.metrics;

  uses io.github.gadn.engine.EngineProvider;
}
