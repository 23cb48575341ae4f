package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
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

/**
 * Stage 1 (METHOD.md): the MIL FCN trained on whole images with image-level labels; loss = BCE
 * of the LSE-pooled map against the label; validation AUC of {@code ps1 = max p}.
 */
final class Stage1 implements EpochLoop.Stage {
    private final TrainConfig config;
    private final WholeImages train;
    private final ImageSource val;
    private final Preprocessor preprocessor;

    Stage1(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        this.config = config;
        this.train = new WholeImages(config, train, preprocessor, augmenter);
        this.val = val;
        this.preprocessor = preprocessor;
    }

    @Override
    public int batchesThisEpoch() { return train.batches(); }

    @Override
    public int number() { return 1; }

    @Override
    public int startEpoch(int e) { return train.startEpoch(e); }

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
        Scores s = scores(trainer, val, preprocessor, config.batchSize());
        int[] labels = WholeImages.labels(val);
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
        float[] lse = new float[n];
        float[] ps1 = new float[n];
        List<ProbabilityMap> maps = new ArrayList<>(n);
        WholeImages.predict(trainer, src, preprocessor, batchSize, (from, m, out) -> {
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
        });
        return new Scores(lse, ps1, maps);
    }
}
