package io.github.gadn.config;

import com.google.auto.value.AutoValue;

/**
 * Settings every training run shares: length, periodic actions (docs/method.md §9.2), randomness
 * and execution resources.
 *
 * <p>Process settings these options cannot set: the TensorFlow natives read their variables once,
 * when they load, so the measured CPU speed and memory need {@code TF_ENABLE_ONEDNN_OPTS=0} and
 * {@code TF_CPU_ALLOCATOR_USE_BFC=true} in the environment and {@code -XX:+UseSerialGC -Xms16m
 * -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=1000} on the JVM's
 * command line (README, "Speed and memory"). The TensorFlow engine logs one INFO line naming those
 * a process runs without; the {@code gadn} command sets them itself.
 */
@AutoValue
public abstract class RunOptions {

  /** Training runs while the iteration counter is below this (default 1,000,000). */
  public abstract long niter();

  /** Save the {@code last} checkpoint every this many iterations (default 1000). */
  public abstract long saveIter();

  /** Write a numbered checkpoint every this many iterations (default 20000). */
  public abstract long checkpointIter();

  /** Flush the loss log every this many iterations (default 1000). */
  public abstract long logIter();

  /** Write visualisation grids every this many iterations (default 100). */
  public abstract long visualizeIter();

  /** Seed of every random choice of the run (data order, noise, augmentation, initialisation). */
  public abstract long seed();

  /**
   * Device for the training graph: {@code /CPU:0} (default) or e.g. {@code /GPU:0} (needs the
   * GPU natives, see README).
   */
  public abstract String device();

  /** Intra-op threads of the engine; 0 lets the engine choose (default 0). */
  public abstract int intraOpThreads();

  /** Inter-op threads of the engine; 0 lets the engine choose (default 0). */
  public abstract int interOpThreads();

  /** Background threads decoding and batching data (default 1). */
  public abstract int nloader();

  /** Which convolution kernels the engine builds the networks from. */
  public enum ConvKernels {
    /** The engine's choice for its configuration (default). */
    AUTO,
    /**
     * Forward convolution kernels only: gradients and transposed convolutions expressed as forward
     * convolutions (the same values up to floating-point summation order).
     */
    FORWARD,
    /** The engine's own backward-convolution kernels for gradients and transposed convolutions. */
    ENGINE
  }

  /**
   * Convolution kernels (default {@link ConvKernels#AUTO}; docs/performance.md measures both
   * choices).
   */
  public abstract ConvKernels convKernels();

  /**
   * Whether stage 1 recomputes the encoder's forward pass and the shifted-style generator pass
   * inside the backward pass instead of keeping their activations (default true). The gradients
   * are the same; the step does about 15 % more FLOPs for about 15 % less peak memory at 32 px
   * and 300 MiB less at 64 px (docs/performance.md). Other stages ignore it.
   */
  public abstract boolean recompute();

  /** A builder pre-filled with the original implementation's defaults (docs/method.md §9.2). */
  public static Builder builder() {
    return new AutoValue_RunOptions.Builder()
        .niter(1_000_000)
        .saveIter(1000)
        .checkpointIter(20000)
        .logIter(1000)
        .visualizeIter(100)
        .seed(0)
        .device("/CPU:0")
        .intraOpThreads(0)
        .interOpThreads(0)
        .nloader(1)
        .convKernels(ConvKernels.AUTO)
        .recompute(true);
  }

  /** A builder initialised from this config. */
  public abstract Builder toBuilder();

  /** Builder of {@link RunOptions}. */
  @AutoValue.Builder
  public abstract static class Builder {
    /** Sets {@link RunOptions#niter()}. */
    public abstract Builder niter(long niter);

    /** Sets {@link RunOptions#saveIter()}. */
    public abstract Builder saveIter(long every);

    /** Sets {@link RunOptions#checkpointIter()}. */
    public abstract Builder checkpointIter(long every);

    /** Sets {@link RunOptions#logIter()}. */
    public abstract Builder logIter(long every);

    /** Sets {@link RunOptions#visualizeIter()}. */
    public abstract Builder visualizeIter(long every);

    /** Sets {@link RunOptions#seed()}. */
    public abstract Builder seed(long seed);

    /** Sets {@link RunOptions#device()}. */
    public abstract Builder device(String device);

    /** Sets {@link RunOptions#intraOpThreads()}. */
    public abstract Builder intraOpThreads(int threads);

    /** Sets {@link RunOptions#interOpThreads()}. */
    public abstract Builder interOpThreads(int threads);

    /** Sets {@link RunOptions#nloader()}. */
    public abstract Builder nloader(int threads);

    /** Sets {@link RunOptions#convKernels()}. */
    public abstract Builder convKernels(ConvKernels kernels);

    /** Sets {@link RunOptions#recompute()}. */
    public abstract Builder recompute(boolean recompute);

    abstract RunOptions autoBuild();

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public RunOptions build() {
      RunOptions r = autoBuild();
      ConfigChecks.check(r.niter() >= 0, "niter", "must be >= 0, got %s", r.niter());
      ConfigChecks.positive("saveIter", r.saveIter());
      ConfigChecks.positive("checkpointIter", r.checkpointIter());
      ConfigChecks.positive("logIter", r.logIter());
      ConfigChecks.positive("visualizeIter", r.visualizeIter());
      ConfigChecks.check(
          r.device().matches("(?i)/(CPU|GPU):\\d+"),
          "device",
          "must look like /CPU:0 or /GPU:0, got \"%s\"",
          r.device());
      ConfigChecks.check(
          r.intraOpThreads() >= 0, "intraOpThreads", "must be >= 0, got %s", r.intraOpThreads());
      ConfigChecks.check(
          r.interOpThreads() >= 0, "interOpThreads", "must be >= 0, got %s", r.interOpThreads());
      ConfigChecks.check(r.nloader() >= 1, "nloader", "must be >= 1, got %s", r.nloader());
      return r;
    }
  }
}
