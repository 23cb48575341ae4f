package io.pxrcad.cli;

import io.pxrcad.train.TrainConfig;
import picocli.CommandLine.Option;

/** {@code --batch-size} of the commands that run a trained model: images per forward pass. */
final class BatchSizeOption {
    static final int DEFAULT = 8;

    @Option(names = "--batch-size", defaultValue = "" + DEFAULT, paramLabel = "N",
            description = {"Images per forward pass (default: ${DEFAULT-VALUE}); results do not depend on it,",
                    "memory grows with it."})
    int batchSize;

    /** The batch size, checked; a usage error names the option. */
    int checked() {
        Options.between("--batch-size", batchSize, 1, TrainConfig.MAX_BATCH_SIZE);
        return batchSize;
    }
}
