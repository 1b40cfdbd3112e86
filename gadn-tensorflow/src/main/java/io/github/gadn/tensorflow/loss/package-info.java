/** Every loss of GADN in one place, named and written as in docs/method.md §12. */
package io.github.gadn.tensorflow.loss;
