package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.Losses;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

/**
 * A Table 1 baseline (METHOD.md "Evaluation") trained as one stage: whole images, BCE of the
 * network's image probability {@code (N,1)} against the label, validation AUC of that
 * probability. Batches are made exactly as {@link Stage1} makes them (same seeds, same
 * augmentation), so baselines and the proposed method see the same inputs. Recorded as stage 1
 * in its own run folder.
 */
final class BaselineStage implements EpochLoop.Stage {
    private final TrainConfig config;
    private final ImageSource train;
    private final ImageSource val;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private int[] order = new int[0];
    private int epoch;

    BaselineStage(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        this.config = config;
        this.train = train;
        this.val = val;
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
    }

    @Override
    public int number() { return 1; }

    @Override
    public int startEpoch(int e) {
        epoch = e;
        order = Seeds.permutation(train.size(), Seeds.random(config.seed(), 1, e));
        return batchesThisEpoch();
    }

    @Override
    public int batchesThisEpoch() { return (order.length + config.batchSize() - 1) / config.batchSize(); }

    @Override
    public Batch batch(int b) throws IOException {
        int from = b * config.batchSize();
        int n = Math.min(config.batchSize(), order.length - from);
        int s = train.imageSize();
        float[] x = new float[n * 3 * s * s];
        float[] labels = new float[n];
        for (int k = 0; k < n; k++) {
            int i = order[from + k];
            float[] g = train.gray(i);
            if (config.augment()) {
                g = augmenter.apply(g, s, new Random(Seeds.forItem(config.seed(), 1, epoch, i)));
            }
            System.arraycopy(preprocessor.toInput(g, s), 0, x, k * 3 * s * s, 3 * s * s);
            labels[k] = train.entry(i).label();
        }
        return new Batch(x, n, s, labels, new float[n], new float[n]);
    }

    @Override
    public float train(NetworkTrainer trainer, NDManager nd, Batch batch) {
        NDArray x = nd.create(batch.x(), EpochLoop.shape(batch));
        NDArray y = nd.create(batch.labels(), new Shape(batch.n(), 1));
        return trainer.step(x, (out, m) -> Losses.bce(out.get(0), y));
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        float[] p = scores(trainer, val, preprocessor, config.batchSize());
        int[] labels = Stage1.labels(val);
        return new EpochLoop.Validation(Bce.mean(p, labels), Auc.of(p, labels));
    }

    @Override
    public Map<String, Object> extras() { return Map.of(); }

    @Override
    public Float miningThreshold() { return null; }

    /** The image probability of every image of a source, in evaluation mode. */
    static float[] scores(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize)
            throws IOException {
        int n = src.size();
        int s = src.imageSize();
        float[] p = new float[n];
        for (int from = 0; from < n; from += batchSize) {
            int m = Math.min(batchSize, n - from);
            float[] x = new float[m * 3 * s * s];
            for (int k = 0; k < m; k++) {
                System.arraycopy(preprocessor.toInput(src.gray(from + k), s), 0, x, k * 3 * s * s, 3 * s * s);
            }
            try (NDManager sub = trainer.manager().newSubManager()) {
                NDList out = trainer.predict(sub.create(x, new Shape(m, 3, s, s)));
                System.arraycopy(out.get(0).toFloatArray(), 0, p, from, m);
            }
        }
        return p;
    }
}
