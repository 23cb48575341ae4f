package io.pxrcad.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.Losses;

import java.io.IOException;
import java.util.Map;

/**
 * A stage trained on whole images with image-level labels: the batches of {@link WholeImages}
 * and BCE of the network's first output {@code (N,1)} against the label. {@link Stage1} and the
 * Table 1 baselines differ only in how they score the validation images, so they see exactly
 * the same inputs.
 */
abstract class WholeImageStage implements EpochLoop.Stage {
    final TrainConfig config;
    final ImageSource val;
    final Preprocessor preprocessor;
    private final WholeImages train;

    WholeImageStage(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        this(config, train, val, preprocessor, augmenter, null);
    }

    /** @param cells cell targets of the training images carried in the batches ({@link TrainConfig#pseudoCells()}), or null */
    WholeImageStage(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter,
                    AnomalyCells cells) {
        this.config = config;
        this.train = new WholeImages(config, train, preprocessor, augmenter, cells);
        this.val = val;
        this.preprocessor = preprocessor;
    }

    @Override
    public final int number() { return 1; }

    @Override
    public final int startEpoch(int e) throws IOException {
        AnomalyCells next = cellsForEpoch(e, train.cells());
        if (next != train.cells()) train.useCells(next);
        return train.startEpoch(e);
    }

    /** The cell targets that epoch {@code e} trains on, given those of the epoch before ({@code current}; null: none). */
    AnomalyCells cellsForEpoch(int e, AnomalyCells current) throws IOException { return current; }

    @Override
    public final int batchesThisEpoch() { return train.batches(); }

    @Override
    public final Batch batch(int b) throws IOException { return train.batch(b); }

    @Override
    public final int rowsPerPass() { return config.imagesPerPass(); }

    @Override
    public final float train(NetworkTrainer trainer, NDManager nd, Batch batch) {
        return trainer.step(nd, batch, rowsPerPass(), loss());
    }

    /** The training loss: {@link #LOSS} unless a stage says otherwise. */
    NetworkTrainer.BatchLoss loss() { return LOSS; }

    /** BCE of the first output {@code (N,1)} against the rows' image-level labels (also what {@link TrainingStepBench} times). */
    static final NetworkTrainer.BatchLoss LOSS =
            (out, rows, m) -> Losses.bce(out.get(0), m.create(rows.labels(), new Shape(rows.n(), 1)));

    @Override
    public Map<String, Object> extras() { return Map.of(); }

    @Override
    public final Float miningThreshold() { return null; }
}
