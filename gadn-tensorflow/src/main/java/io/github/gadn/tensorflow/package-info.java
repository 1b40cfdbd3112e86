/**
 * The TensorFlow Java engine of gadn-java, registered through {@link
 * io.github.gadn.tensorflow.TensorFlowEngineProvider}.
 */
package io.github.gadn.tensorflow;
