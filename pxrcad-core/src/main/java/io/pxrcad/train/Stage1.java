package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.ProbabilityMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 (METHOD.md): the MIL FCN trained on whole images with image-level labels; loss = BCE
 * of the LSE-pooled map against the label; validation AUC of {@code ps1 = max p}.
 */
final class Stage1 extends WholeImageStage {
    Stage1(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter) {
        super(config, train, val, preprocessor, augmenter);
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        Scores s = scores(trainer, val, preprocessor, config.batchSize());
        int[] labels = WholeImages.labels(val);
        return new EpochLoop.Validation(Bce.mean(s.lse, labels), Auc.of(s.ps1, labels));
    }

    /**
     * Stage-1 outputs of every image of a source, in evaluation mode; {@code features}: the pooled
     * backbone features of each image (for {@link io.pxrcad.artifact.FeatureStatistics}).
     */
    record Scores(float[] lse, float[] ps1, List<ProbabilityMap> maps, List<float[]> features) {}

    static Scores scores(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize) throws IOException {
        int n = src.size();
        float[] lse = new float[n];
        float[] ps1 = new float[n];
        List<ProbabilityMap> maps = new ArrayList<>(n);
        List<float[]> features = new ArrayList<>(n);
        WholeImages.predict(trainer, src, preprocessor, batchSize, (from, m, out) -> {
            float[] l = out.get(0).toFloatArray();
            NDArray map = out.get(1);
            int h = (int) map.getShape().get(2), w = (int) map.getShape().get(3);
            float[] all = map.toFloatArray();
            NDArray pooled = out.get(2);
            int c = (int) pooled.getShape().get(1);
            float[] f = pooled.toFloatArray();
            for (float v : all) {
                if (Float.isNaN(v)) {
                    throw new IllegalStateException("the stage-1 network's outputs became NaN: training diverged"
                            + " (lower the learning rate)");
                }
            }
            for (int k = 0; k < m; k++) {
                lse[from + k] = l[k];
                float[] cells = new float[h * w];
                System.arraycopy(all, k * h * w, cells, 0, h * w);
                ProbabilityMap pm = new ProbabilityMap(h, w, cells);
                maps.add(pm);
                ps1[from + k] = pm.max();
                features.add(java.util.Arrays.copyOfRange(f, k * c, (k + 1) * c));
            }
        });
        return new Scores(lse, ps1, maps, features);
    }
}
