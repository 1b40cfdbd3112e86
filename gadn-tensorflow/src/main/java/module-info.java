/**
 * gadn-tensorflow: the TensorFlow Java engine of gadn-java. Only its entry package is exported:
 * {@link io.github.gadn.tensorflow.TensorFlowEngine}, registered as an {@link
 * io.github.gadn.engine.EngineProvider} service, and the {@link
 * io.github.gadn.tensorflow.BenchmarkStep} hook of {@code gadn bench}. The graph builders,
 * networks, losses, optimisers, trainers, inference models and checkpoint files behind them are
 * internal; use them through {@link io.github.gadn.engine.GadnEngine}.
 */
module io.github.gadn.tensorflow {
  requires transitive io.github.gadn;
  requires transitive tensorflow;
  requires com.google.common;
  requires java.management;
  requires org.slf4j;

  exports io.github.gadn.tensorflow;

  provides io.github.gadn.engine.EngineProvider with
      io.github.gadn.tensorflow.TensorFlowEngineProvider;
}
