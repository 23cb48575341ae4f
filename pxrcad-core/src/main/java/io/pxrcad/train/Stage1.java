package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.model.Losses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stage 1 (METHOD.md): the MIL FCN trained on whole images with image-level labels; loss = BCE
 * of the LSE-pooled map against the label; validation AUC of {@code ps1 = max p}.
 */
final class Stage1 implements EpochLoop.Stage {
    private final TrainConfig config;
    private final ImageSource train;
    private final ImageSource val;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private int[] order = new int[0];
    private int epoch;

    Stage1(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        this.config = config;
        this.train = train;
        this.val = val;
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
    }

    @Override
    public int batchesThisEpoch() { return (order.length + config.batchSize() - 1) / config.batchSize(); }

    @Override
    public int number() { return 1; }

    @Override
    public int startEpoch(int e) {
        epoch = e;
        order = Seeds.permutation(train.size(), Seeds.random(config.seed(), 1, e));
        return (train.size() + config.batchSize() - 1) / config.batchSize();
    }

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
        Scores s = scores(trainer, val, preprocessor, config.batchSize());
        int[] labels = labels(val);
        return new EpochLoop.Validation(Bce.mean(s.lse, labels), Auc.of(s.ps1, labels));
    }

    @Override
    public Map<String, Object> extras() { return Map.of(); }

    @Override
    public Float miningThreshold() { return null; }

    /** Stage-1 outputs of every image of a source, in evaluation mode. */
    record Scores(float[] lse, float[] ps1, List<ProbabilityMap> maps) {}

    static Scores scores(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize) throws IOException {
        int n = src.size();
        int s = src.imageSize();
        float[] lse = new float[n];
        float[] ps1 = new float[n];
        List<ProbabilityMap> maps = new ArrayList<>(n);
        for (int from = 0; from < n; from += batchSize) {
            int m = Math.min(batchSize, n - from);
            float[] x = new float[m * 3 * s * s];
            for (int k = 0; k < m; k++) {
                System.arraycopy(preprocessor.toInput(src.gray(from + k), s), 0, x, k * 3 * s * s, 3 * s * s);
            }
            try (NDManager sub = trainer.manager().newSubManager()) {
                NDList out = trainer.predict(sub.create(x, new Shape(m, 3, s, s)));
                float[] l = out.get(0).toFloatArray();
                NDArray map = out.get(1);
                int h = (int) map.getShape().get(2), w = (int) map.getShape().get(3);
                float[] all = map.toFloatArray();
                for (int k = 0; k < m; k++) {
                    lse[from + k] = l[k];
                    float[] cells = new float[h * w];
                    System.arraycopy(all, k * h * w, cells, 0, h * w);
                    ProbabilityMap pm = new ProbabilityMap(h, w, cells);
                    maps.add(pm);
                    ps1[from + k] = pm.max();
                }
            }
        }
        return new Scores(lse, ps1, maps);
    }

    static int[] labels(ImageSource src) {
        int[] l = new int[src.size()];
        for (int i = 0; i < l.length; i++) l[i] = src.entry(i).label();
        return l;
    }
}
