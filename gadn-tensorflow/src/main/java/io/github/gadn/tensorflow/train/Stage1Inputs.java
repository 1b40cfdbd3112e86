package io.github.gadn.tensorflow.train;

import io.github.gadn.config.Stage1Config;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.RandomInputs;
import java.util.SplittableRandom;

/**
 * The random inputs of one stage-1 iteration, determined by the run seed and the iteration
 * number: stratified uniforms for the content and style noise, nested-dropout masks and
 * augmentation parameters (docs/method.md §4.2, §3.8, §2.6).
 */
record Stage1Inputs(
    double[] noiseContent,
    double[] noiseStyle,
    float[] maskContent,
    float[] maskStyle,
    double[] augment) {

  static Stage1Inputs draw(Stage1Config config, long seed, long iteration) {
    int n = config.batchSize();
    SplittableRandom random = RandomInputs.forIteration(seed, iteration, 1);
    double[] noiseC = RandomInputs.stratifiedUniform(random, n, config.contentSize());
    double[] noiseS = RandomInputs.stratifiedUniform(random, n, config.styleSize());
    float[] maskC =
        RandomInputs.nestedDropoutMask(random, n, config.contentSize(), config.contentDropout());
    float[] maskS =
        RandomInputs.nestedDropoutMask(random, n, config.styleSize(), config.styleDropout());
    double[] augment = AugmentWarp.stratifiedParams(random, n, config.augment());
    return new Stage1Inputs(noiseC, noiseS, maskC, maskS, augment);
  }
}
