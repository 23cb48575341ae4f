package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.Losses;

import java.io.IOException;
import java.util.Map;

/**
 * A Table 1 baseline (METHOD.md "Evaluation") trained as one stage: whole images, BCE of the
 * network's image probability {@code (N,1)} against the label, validation AUC of that
 * probability. Batches are made exactly as {@link Stage1} makes them (same seeds, same
 * augmentation), so baselines and the proposed method see the same inputs. Recorded as stage 1
 * in its own run folder.
 */
final class BaselineStage implements EpochLoop.Stage {
    private final TrainConfig config;
    private final WholeImages train;
    private final ImageSource val;
    private final Preprocessor preprocessor;

    BaselineStage(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        this.config = config;
        this.train = new WholeImages(config, train, preprocessor, augmenter);
        this.val = val;
        this.preprocessor = preprocessor;
    }

    @Override
    public int number() { return 1; }

    @Override
    public int startEpoch(int e) { return train.startEpoch(e); }

    @Override
    public int batchesThisEpoch() { return train.batches(); }

    @Override
    public Batch batch(int b) throws IOException { return train.batch(b); }

    @Override
    public float train(NetworkTrainer trainer, NDManager nd, Batch batch) {
        NDArray x = nd.create(batch.x(), EpochLoop.shape(batch));
        NDArray y = nd.create(batch.labels(), new Shape(batch.n(), 1));
        return trainer.step(x, (out, m) -> Losses.bce(out.get(0), y));
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        float[] p = scores(trainer, val, preprocessor, config.batchSize());
        int[] labels = WholeImages.labels(val);
        return new EpochLoop.Validation(Bce.mean(p, labels), Auc.of(p, labels));
    }

    @Override
    public Map<String, Object> extras() { return Map.of(); }

    @Override
    public Float miningThreshold() { return null; }

    /** The image probability of every image of a source, in evaluation mode. */
    static float[] scores(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize)
            throws IOException {
        float[] p = new float[src.size()];
        WholeImages.predict(trainer, src, preprocessor, batchSize,
                (from, m, out) -> System.arraycopy(out.get(0).toFloatArray(), 0, p, from, m));
        return p;
    }
}
