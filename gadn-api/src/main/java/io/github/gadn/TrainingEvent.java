package io.github.gadn;

import java.util.Map;

/**
 * Progress of a training run after one iteration.
 *
 * @param iteration the iteration just finished (1-based)
 * @param totalIterations the run's {@code niter}
 * @param losses the logged quantities of this iteration by name (docs/method.md §9.4), in log order
 * @param iterationsPerSecond a smoothed rate over recent iterations
 * @param secondsRemaining estimated time to {@code totalIterations} at that rate
 */
public record TrainingEvent(
    long iteration,
    long totalIterations,
    Map<String, Double> losses,
    double iterationsPerSecond,
    double secondsRemaining) {}
