/**
 * The public, engine-neutral API of gadn-java: the networks of GADN as small interfaces, the
 * values they exchange, and the trainers.
 *
 * <ul>
 *   <li>{@link io.github.gadn.Encoder} {@code E}: images → Gaussian content codes;
 *   <li>{@link io.github.gadn.Generator} {@code G}: content code + style code → images;
 *   <li>{@link io.github.gadn.StyleTable} {@code S}: style label → Gaussian style code;
 *   <li>the trainers of every step: {@link io.github.gadn.Stage1Trainer}, {@link
 *       io.github.gadn.ClassifierTrainer}, {@link io.github.gadn.Stage2Trainer} and the baseline
 *       {@link io.github.gadn.GanTrainer}, resumed from a {@link io.github.gadn.ResumeFrom}
 *       checkpoint; the encode step's {@link io.github.gadn.EncodeResult};
 *   <li>the failures a caller can act on: {@link io.github.gadn.CorruptCheckpointException},
 *       {@link io.github.gadn.NonFiniteLossException}, {@link
 *       io.github.gadn.NonFiniteWeightException}.
 * </ul>
 *
 * <p>No type here refers to an engine. An engine (gadn-tensorflow) is found through {@link
 * io.github.gadn.engine.Engines}.
 *
 * <h2>Native resources</h2>
 *
 * Trained models and trainers hold native memory (graphs, sessions, tensors) and are {@link
 * java.lang.AutoCloseable}: open them in try-with-resources. Values ({@link
 * io.github.gadn.ImageBatch}, {@link io.github.gadn.CodeBatch}, {@link
 * io.github.gadn.GaussianCodes}) are plain Java arrays and need no closing.
 */
package io.github.gadn;
