package io.pxrcad.train;

import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.infer.StageOneOutput;
import io.pxrcad.infer.TwoStageChain;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.model.Losses;
import io.pxrcad.model.LsePooling;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 1 (METHOD.md): the MIL FCN trained on whole images with image-level labels; loss = BCE
 * of the LSE-pooled map against the label; validation AUC of {@code ps1 = max p}, scored by the
 * chain that prediction runs ({@link TwoStageChain#firstStage}).
 */
final class Stage1 extends WholeImageStage {
    private final TwoStageChain chain;
    private final CellRefinement refinement;
    private MapStatistics mapStatistics;
    private List<int[]> valSizes;

    Stage1(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter,
           TwoStageChain chain) {
        this(config, train, val, preprocessor, augmenter, chain, null, null);
    }

    /**
     * @param cells      the training images' cell targets ({@link TrainConfig#pseudoCells()}), or null
     * @param refinement chooses them again from time to time ({@link TrainConfig#refineCellsAfter()}), or null
     */
    Stage1(TrainConfig config, ImageSource train, ImageSource val, Preprocessor preprocessor, Augmenter augmenter,
           TwoStageChain chain, AnomalyCells cells, CellRefinement refinement) {
        super(config, train, val, preprocessor, augmenter, cells);
        this.chain = chain;
        this.refinement = refinement;
    }

    @Override
    public int restartAfter() { return config.restartAfter(); }

    @Override
    AnomalyCells cellsForEpoch(int e, AnomalyCells current) throws IOException {
        return refinement == null || current == null ? current : refinement.forEpoch(e, current);
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        Scores s = scores(chain, val, config.imagesPerPass());
        int[] labels = WholeImages.labels(val);
        if (valSizes == null) valSizes = MapStatistics.originalSizes(val);
        mapStatistics = MapStatistics.of(s.maps(), val.entries(), valSizes);
        float[] pooled = config.lseOfLogits() ? pooledLogits(s.maps(), (float) config.lseR()) : s.lse();
        double loss = Bce.mean(pooled, labels) + (config.negativeCells() ? negativeCellLoss(s.maps(), labels) : 0);
        return new EpochLoop.Validation(loss, Auc.of(s.ps1(), labels));
    }

    /**
     * METHOD.md's BCE of the LSE of probabilities, or with {@link TrainConfig#lseOfLogits()} of the
     * logits ({@link Losses#lseOfLogitsBce}); with {@link TrainConfig#negativeCells()} plus every cell
     * of the negative images ({@link Losses#negativeCellBce}); where the batch carries cell targets
     * ({@link TrainConfig#pseudoCells()}) plus their masked BCE ({@link Losses#maskedCellBce}).
     */
    @Override
    NetworkTrainer.BatchLoss loss() {
        if (!config.lseOfLogits() && !config.negativeCells() && !config.pseudoCells()) return LOSS;
        float r = (float) config.lseR();
        boolean logits = config.lseOfLogits(), cells = config.negativeCells();
        return (out, rows, m) -> {
            NDArray y = m.create(rows.labels(), new Shape(rows.n(), 1));
            NDArray loss = logits ? Losses.lseOfLogitsBce(out.get(3), r, y) : Losses.bce(out.get(0), y);
            if (cells) loss = loss.add(Losses.negativeCellBce(out.get(3), y));
            if (rows.cells() > 0) {
                Shape s = new Shape(rows.n(), rows.cells());
                loss = loss.add(Losses.maskedCellBce(out.get(3), m.create(rows.cellTargets(), s), m.create(rows.cellMask(), s)));
            }
            return loss;
        };
    }

    /** {@link Losses#negativeCellBce} from evaluation maps: mean over negatives' cells of {@code -log(1-p)}, over all images. */
    static double negativeCellLoss(List<ProbabilityMap> maps, int[] labels) {
        double sum = 0;
        for (int i = 0; i < maps.size(); i++) {
            if (labels[i] != 0) continue;
            float[] v = maps.get(i).values();
            double cells = 0;
            for (float p : v) cells -= Math.log(Math.max(1e-12, 1 - (double) p));
            sum += cells / v.length;
        }
        return maps.isEmpty() ? 0 : sum / maps.size();
    }

    /**
     * {@code sigmoid(LSE_r(logit p))} of each map: what the loss of {@link TrainConfig#lseOfLogits()}
     * scores, from the evaluation maps (probabilities clamped to [1e-6, 1 - 1e-6] first, logits +-13.8).
     */
    static float[] pooledLogits(List<ProbabilityMap> maps, float r) {
        float[] out = new float[maps.size()];
        for (int i = 0; i < out.length; i++) {
            float[] v = maps.get(i).values();
            for (int k = 0; k < v.length; k++) {
                double p = Math.min(1 - 1e-6, Math.max(1e-6, v[k]));
                v[k] = (float) Math.log(p / (1 - p));
            }
            out[i] = (float) (1 / (1 + Math.exp(-LsePooling.lse(v, r))));
        }
        return out;
    }

    /** The validation maps' statistics of the epoch ({@link MapStatistics}). */
    @Override
    public Map<String, Object> extras() { return mapStatistics == null ? Map.of() : mapStatistics.asMetrics(); }

    /** Stage-1 outputs of every image of a source, in its order. */
    record Scores(List<StageOneOutput> outputs) {
        Scores {
            outputs = List.copyOf(outputs);
        }

        float[] lse() {
            float[] v = new float[outputs.size()];
            for (int i = 0; i < v.length; i++) v[i] = outputs.get(i).lse();
            return v;
        }

        float[] ps1() {
            float[] v = new float[outputs.size()];
            for (int i = 0; i < v.length; i++) v[i] = outputs.get(i).ps1();
            return v;
        }

        List<ProbabilityMap> maps() { return outputs.stream().map(StageOneOutput::map).toList(); }

        /** The pooled backbone features of each image (for {@link io.pxrcad.artifact.FeatureStatistics}). */
        List<float[]> features() { return outputs.stream().map(StageOneOutput::features).toList(); }
    }

    /** Evaluation-mode stage-1 passes over every image of {@code src}, {@code batchSize} at a time. */
    static Scores scores(TwoStageChain chain, ImageSource src, int batchSize) throws IOException {
        List<StageOneOutput> out = new ArrayList<>(src.size());
        for (int from = 0; from < src.size(); from += batchSize) {
            List<StageOneOutput> batch = chain.firstStage(grays(src, from, Math.min(src.size(), from + batchSize)));
            for (StageOneOutput o : batch) {
                if (Float.isNaN(o.lse()) || Float.isNaN(o.ps1())) {
                    throw new IllegalStateException("the stage-1 network's outputs became NaN: training diverged"
                            + " (lower the learning rate)");
                }
            }
            out.addAll(batch);
        }
        return new Scores(out);
    }

    /** Images {@code from .. to-1} of a source as model-size grey squares. */
    static List<float[]> grays(ImageSource src, int from, int to) throws IOException {
        List<float[]> g = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) g.add(src.gray(i));
        return g;
    }
}
