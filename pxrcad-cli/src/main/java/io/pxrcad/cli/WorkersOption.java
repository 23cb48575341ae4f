package io.pxrcad.cli;

import io.pxrcad.train.PretrainConfig;
import io.pxrcad.train.TrainConfig;
import picocli.CommandLine.Option;

/** {@code --workers}, shared by the commands that train (a picocli mixin). */
final class WorkersOption {
    @Option(names = "--workers",
            description = "Background threads decoding and augmenting images, 0 to 256 (default: the preset's or --config's).")
    private Integer workers;

    /** {@code cfg} with the number of workers given, checked; as it is without {@code --workers}. */
    TrainConfig apply(TrainConfig cfg) {
        return workers == null ? cfg : cfg.withNumWorkers(checked());
    }

    /** As {@link #apply(TrainConfig)} for pretraining. */
    PretrainConfig apply(PretrainConfig cfg) {
        return workers == null ? cfg : cfg.withNumWorkers(checked());
    }

    private int checked() {
        return Options.between("--workers", workers, 0, TrainConfig.MAX_WORKERS);
    }
}
