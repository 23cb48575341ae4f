package io.pxrcad.cli;

import io.pxrcad.train.TrainConfig;
import picocli.CommandLine.Option;

/**
 * {@code --batch-size} of the commands that run a trained model: images per forward pass. The
 * default is 1: on a 2-core CPU, batches of 4 and 8 were slower ({@code pxrcad bench predict},
 * 200 phantoms at 256 px: 0.90x and 0.53x the images/s of batch 1); a GPU wants larger batches.
 */
final class BatchSizeOption {
    static final int DEFAULT = 1;

    @Option(names = "--batch-size", defaultValue = "" + DEFAULT, paramLabel = "N",
            description = {"Images per forward pass (default: ${DEFAULT-VALUE}, the fastest on a CPU; raise it on a GPU);",
                    "results do not depend on it, memory grows with it."})
    int batchSize;

    /** The batch size, checked; a usage error names the option. */
    int checked() {
        Options.between("--batch-size", batchSize, 1, TrainConfig.MAX_BATCH_SIZE);
        return batchSize;
    }
}
