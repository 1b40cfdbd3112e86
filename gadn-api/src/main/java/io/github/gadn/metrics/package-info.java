/**
 * Quantitative disentanglement metrics (docs/method.md §10.3, paper appendix B.4) over an encoder's
 * codes, and the reports {@code gadn evaluate} writes.
 *
 * <ul>
 *   <li>{@link io.github.gadn.metrics.DisentanglementMetrics}: the entry point — codes plus one
 *       or more labellings (e.g. by writer and by digit) in, {@link
 *       io.github.gadn.metrics.EncoderScores} out, for the first {@code k ∈ {2, 8, all}} code
 *       dimensions;
 *   <li>{@link io.github.gadn.metrics.CentreDistance}: average distance to the class centre;
 *   <li>{@link io.github.gadn.metrics.GaussianNaiveBayes}: naive Bayes with axis-aligned
 *       Gaussians and empirical priors, in the log domain (thousands of classes do not underflow);
 *   <li>{@link io.github.gadn.metrics.ChanceLevels}: what uninformative codes would score;
 *   <li>{@link io.github.gadn.metrics.MetricsReport}: several encoders side by side as {@code
 *       metrics.json} and Markdown tables in the layout of the paper's tables 4–7;
 *   <li>{@link io.github.gadn.metrics.ScatterPlot}: PNG scatter plots of the first two code
 *       dimensions coloured by a label (the paper's figures 6 and 9).
 * </ul>
 *
 * <p>Everything is pure Java (no engine) and linear in the number of samples: no {@code n × n}
 * matrix is ever formed.
 */
package io.github.gadn.metrics;
