package io.pxrcad.train;

import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;

import java.io.IOException;

/**
 * A Table 1 baseline (METHOD.md "Evaluation") trained as one stage: whole images, BCE of the
 * network's image probability {@code (N,1)} against the label, validation AUC of that
 * probability. Batches are those of {@link Stage1} ({@link WholeImageStage}). Recorded as stage 1
 * in its own run folder.
 */
final class BaselineStage extends WholeImageStage {
    BaselineStage(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        super(config, train, val, preprocessor, augmenter);
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        float[] p = scores(trainer, val, preprocessor, config.imagesPerPass());
        int[] labels = WholeImages.labels(val);
        return new EpochLoop.Validation(Bce.mean(p, labels), Auc.of(p, labels));
    }

    /** The image probability of every image of a source, in evaluation mode. */
    static float[] scores(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize)
            throws IOException {
        float[] p = new float[src.size()];
        WholeImages.predict(trainer, src, preprocessor, batchSize,
                (from, m, out) -> System.arraycopy(out.get(0).toFloatArray(), 0, p, from, m));
        return p;
    }
}
