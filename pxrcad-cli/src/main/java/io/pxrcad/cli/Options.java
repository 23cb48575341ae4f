package io.pxrcad.cli;

import io.pxrcad.model.TorchEngine;
import io.pxrcad.train.TrainConfig;

/**
 * Checks of option values shared by the commands, made before anything is written, with the
 * option's own name in the message ({@code --image-size must be between 32 and 4096 but was 7});
 * all are usage errors (exit 2). Values read from a {@code --config} file are checked by
 * {@link TrainConfig} itself and named by key and file, also exit 2.
 */
final class Options {
    private Options() {}

    /** Fails unless {@code min <= value <= max}. */
    static int between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** Fails unless {@code min <= value <= max}. */
    static double between(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** Resolves the device now, so that {@code gpu7} on a machine without it fails before any output. */
    static void device(String spec) {
        try {
            TorchEngine.resolve(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
    }

    /**
     * The training options that override a preset or config, each checked under its option name
     * ({@code --workers} and {@code --seed}: their mixins).
     */
    /** {@code --micro-batch}: at least 1 and a divisor of the batch size. */
    static int microBatch(int microBatch, int batchSize) {
        if (microBatch < 1 || batchSize % microBatch != 0) {
            throw new IllegalArgumentException("--micro-batch must divide the batch size " + batchSize + " but was " + microBatch);
        }
        return microBatch;
    }

    static TrainConfig apply(TrainConfig cfg, Integer epochs, Integer imageSize, Integer batchSize) {
        if (epochs != null) cfg = cfg.withEpochs(between("--epochs", epochs, 1, TrainConfig.MAX_EPOCHS));
        if (imageSize != null) {
            cfg = cfg.withImageSize(between("--image-size", imageSize, TrainConfig.MIN_IMAGE_SIZE, TrainConfig.MAX_IMAGE_SIZE));
        }
        if (batchSize != null) cfg = cfg.withBatchSize(between("--batch-size", batchSize, 1, TrainConfig.MAX_BATCH_SIZE));
        return cfg;
    }
}
