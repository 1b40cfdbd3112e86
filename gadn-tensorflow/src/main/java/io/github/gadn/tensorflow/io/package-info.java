/** Crash-safe checkpoint files of named float tensors plus trainer metadata. */
package io.github.gadn.tensorflow.io;
