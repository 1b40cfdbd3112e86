/** Every loss of GADN in one place, named and written as in spec Appendix A. */
package io.github.gadn.tensorflow.loss;
