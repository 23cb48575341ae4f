package io.pxrcad.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything besides weights and optimizer moments that {@code --resume} needs to continue a
 * stage exactly: saved as {@code state.json} in each checkpoint (see {@link CheckpointStore}).
 * Epochs are numbered from 1; the next epoch to run is {@code epochsCompleted + 1}.
 *
 * @param stage 1 (MIL network) or 2 (ROI classifier)
 * @param epochsCompleted epochs of this stage finished and saved (0 = none)
 * @param scheduler the learning-rate scheduler's state (holds the current learning rate)
 * @param best the best validation AUC so far and its epoch
 * @param seed the run seed, checked on resume against the configuration
 * @param miningThreshold {@code p_hat} used by stage 2; null in stage 1
 */
public record TrainingState(int stage, int epochsCompleted, PlateauScheduler.State scheduler,
                            BestCheckpoint best, long seed, Float miningThreshold) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingState {
        if (stage != 1 && stage != 2) {
            throw new IllegalArgumentException("stage must be 1 or 2 but was " + stage);
        }
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("epochsCompleted must be >= 0 but was " + epochsCompleted);
        }
        if (scheduler == null || best == null) {
            throw new IllegalArgumentException("scheduler and best are required");
        }
        if (best.bestEpoch() > epochsCompleted) {
            throw new IllegalArgumentException("best epoch " + best.bestEpoch() + " is after the last completed epoch "
                    + epochsCompleted);
        }
    }

    /** The state before the first epoch of a stage. */
    public static TrainingState start(int stage, TrainConfig config, Float miningThreshold) {
        return new TrainingState(stage, 0, PlateauScheduler.of(config).state(), BestCheckpoint.none(),
                config.seed(), miningThreshold);
    }

    /** The learning rate of the next epoch. */
    public double learningRate() {
        return scheduler.learningRate();
    }

    /** Writes {@code file} atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** @throws DataException when the file is not a valid state (e.g. written by another version) */
    public static TrainingState load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return JSON.readValue(bytes, TrainingState.class);
        } catch (JacksonException e) {
            throw new DataException("expected a training state in " + file + " but could not read it: "
                    + e.getOriginalMessage(), e);
        }
    }
}
