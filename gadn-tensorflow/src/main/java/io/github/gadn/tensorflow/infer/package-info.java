/** Inference: trained runs loaded into the public {@link io.github.gadn.GadnModel} API. */
package io.github.gadn.tensorflow.infer;
