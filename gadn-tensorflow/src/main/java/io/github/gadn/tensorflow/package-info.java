/**
 * The TensorFlow Java engine of gadn-java, registered through {@link
 * io.github.gadn.tensorflow.TensorFlowEngineProvider} and used through {@link
 * io.github.gadn.engine.Engines#get()}; {@link io.github.gadn.tensorflow.BenchmarkStep} times
 * single steps of its graphs. The only package of the engine's module that is exported.
 */
package io.github.gadn.tensorflow;
