package io.pxrcad.train;

import io.pxrcad.Seeds;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.FractureType;
import io.pxrcad.eval.Pointing;
import io.pxrcad.eval.Share;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Geometry;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.image.RoiCrops;
import io.pxrcad.mining.EpochRoiCounts;
import io.pxrcad.mining.MinedRoi;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.infer.ChainScores;
import io.pxrcad.infer.TwoStageChain;
import io.pxrcad.mining.RoiKind;
import io.pxrcad.mining.RoiSampler;
import io.pxrcad.mining.TrainingMap;
import io.pxrcad.model.Losses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stage 2 (METHOD.md): the ROI classifier trained on ROIs mined afresh each epoch from the
 * cached stage-1 maps (probable positives, definite hard negatives, easy negatives); loss =
 * fracture BCE + type BCE on positive ROIs of known type. Validation scores each validation
 * image as the chained pass does: {@code ps1 * ps2} on the ROI at the stage-1 argmax.
 */
final class Stage2 implements EpochLoop.Stage {
    private static final Logger LOG = LoggerFactory.getLogger(Stage2.class);

    private final TrainConfig config;
    private final ImageSource train;
    private final List<TrainingMap> trainMaps;
    private final ImageSource val;
    private final Stage1.Scores valStage1;
    private final RoiSampler sampler;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private final boolean typeOutput;
    private final TwoStageChain chain;
    private final List<Geometry> geometries;
    private List<MinedRoi> rois = List.of();
    private EpochRoiCounts counts;
    private Share roiLabelAccuracy = Share.of(0, 0);
    private int epoch;

    Stage2(TrainConfig config, ImageSource train, List<TrainingMap> trainMaps, ImageSource val, Stage1.Scores valStage1,
           RoiSampler sampler, Preprocessor preprocessor, Augmenter augmenter, boolean typeOutput, TwoStageChain chain) {
        this.config = config;
        this.train = train;
        this.trainMaps = trainMaps;
        this.val = val;
        this.valStage1 = valStage1;
        this.sampler = sampler;
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
        this.typeOutput = typeOutput;
        this.chain = chain;
        this.geometries = geometries(train, trainMaps);
    }

    /**
     * The geometry (original pixels, model input, map) of each training image with annotated
     * fracture boxes, null for the others. The boxes are read only to report METHOD.md's ROI label
     * accuracy, never for training.
     */
    private static List<Geometry> geometries(ImageSource src, List<TrainingMap> maps) {
        List<Geometry> out = new ArrayList<>(src.size());
        for (int i = 0; i < src.size(); i++) {
            if (src.entry(i).boxes().isEmpty()) {
                out.add(null);
                continue;
            }
            int[] wh;
            try {
                wh = src.originalSize(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProbabilityMap map = maps.get(i).map();
            out.add(new Geometry(wh[0], wh[1], src.imageSize(), map.width(), map.height()));
        }
        return out;
    }

    /**
     * METHOD.md's ROI label accuracy on this epoch's mined ROIs: the share of probable-positive ROIs
     * of images with boxes whose centre lies in a box grown by half a map cell (in original pixels).
     */
    private Share roiLabelAccuracy(List<MinedRoi> drawn) {
        int hits = 0, total = 0;
        for (MinedRoi roi : drawn) {
            Geometry g = geometries.get(roi.imageIndex());
            if (roi.kind() != RoiKind.PROBABLE_POSITIVE || g == null) continue;
            total++;
            double[] c = g.toOriginal(roi.box().centerX(), roi.box().centerY());
            double cw = (double) g.origWidth() / g.mapWidth(), ch = (double) g.origHeight() / g.mapHeight();
            if (Pointing.hit(train.entry(roi.imageIndex()).boxes(), c[0], c[1], cw / 2, ch / 2)) hits++;
        }
        return Share.of(hits, total);
    }

    @Override
    public int batchesThisEpoch() { return (rois.size() + config.roiBatchSize() - 1) / config.roiBatchSize(); }

    @Override
    public int number() { return 2; }

    @Override
    public int startEpoch(int e) {
        epoch = e;
        RoiSampler.EpochRois drawn = sampler.sample(trainMaps, e);
        counts = drawn.counts();
        roiLabelAccuracy = roiLabelAccuracy(drawn.rois());
        int[] perm = Seeds.permutation(drawn.rois().size(), Seeds.random(config.seed(), 2, e));
        List<MinedRoi> shuffled = new ArrayList<>(perm.length);
        for (int p : perm) shuffled.add(drawn.rois().get(p));
        rois = shuffled;
        LOG.info("stage 2 epoch {}: {} ROIs: {} probable positives ({} argmax fallbacks), {} hard negatives, {} easy negatives{}",
                e, counts.total(), counts.probablePositives(), counts.argmaxFallbacks(), counts.hardNegatives(),
                counts.easyNegatives(), roiLabelAccuracy.total() == 0 ? ""
                        : "; ROI label accuracy of the probable positives " + roiLabelAccuracy.format());
        return (rois.size() + config.roiBatchSize() - 1) / config.roiBatchSize();
    }

    @Override
    public Batch batch(int b) throws IOException {
        int from = b * config.roiBatchSize();
        int n = Math.min(config.roiBatchSize(), rois.size() - from);
        int r = config.roiInput();
        float[] x = new float[n * 3 * r * r];
        float[] labels = new float[n], types = new float[n], mask = new float[n];
        for (int k = 0; k < n; k++) {
            MinedRoi roi = rois.get(from + k);
            float[] crop = RoiCrops.crop(train.gray(roi.imageIndex()), train.imageSize(), roi.box(), r);
            if (!augmenter.config().isNone()) {
                crop = augmenter.apply(crop, r, new Random(Seeds.forItem(config.seed(), 2, epoch, from + k)));
            }
            preprocessor.toInput(crop, r, x, k * 3 * r * r);
            labels[k] = roi.label();
            if (roi.label() == 1 && roi.type() != null) {
                types[k] = roi.type() == FractureType.PELVIC ? 1 : 0;
                mask[k] = 1;
            }
        }
        return new Batch(x, n, r, labels, types, mask);
    }

    /** Whole ROI batches: the type loss is a mean over the batch's masked ROIs, not a sum over passes. */
    @Override
    public int rowsPerPass() { return config.roiBatchSize(); }

    @Override
    public float train(NetworkTrainer trainer, NDManager nd, Batch batch) {
        NDArray x = nd.create(batch.x(), EpochLoop.shape(batch));
        Shape col = new Shape(batch.n(), 1);
        NDArray y = nd.create(batch.labels(), col);
        NDArray t = nd.create(batch.types(), col);
        NDArray mask = nd.create(batch.typeMask(), col);
        return trainer.step(x, (out, m) -> {
            NDArray loss = Losses.bce(out.get(0), y);
            if (typeOutput && config.typeLoss() && out.size() > 1) {
                loss = loss.add(Losses.maskedBce(out.get(1), t, mask));
            }
            return loss;
        });
    }

    @Override
    public EpochLoop.Validation validate(NetworkTrainer trainer) throws IOException {
        Chained finals = chained(chain, val, valStage1, config.roiBatchSize());
        int[] labels = WholeImages.labels(val);
        return new EpochLoop.Validation(Bce.mean(finals.probabilityFloats(), labels), Auc.of(finals.probability(), labels));
    }

    @Override
    public double selectionScore(EpochLoop.Validation v) {
        return config.stage2BestByLoss() ? -v.loss() : v.auc();
    }

    @Override
    public Map<String, Object> extras() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probablePositives", counts.probablePositives());
        m.put("argmaxFallbacks", counts.argmaxFallbacks());
        m.put("hardNegatives", counts.hardNegatives());
        m.put("easyNegatives", counts.easyNegatives());
        if (roiLabelAccuracy.total() > 0) {
            m.put("roiLabelAccuracy", roiLabelAccuracy.value());
        }
        return m;
    }

    @Override
    public Float miningThreshold() { return sampler.pHat(); }

    /** Chained scores of every image of a source, {@code batchSize} at a time, by the chain prediction runs. */
    record Chained(float[] ps2, double[] probability) {
        /** The probabilities as floats (for the logged BCE). */
        float[] probabilityFloats() {
            float[] f = new float[probability.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) probability[i];
            return f;
        }
    }

    static Chained chained(TwoStageChain chain, ImageSource src, Stage1.Scores s1, int batchSize) throws IOException {
        int n = src.size();
        float[] ps2 = new float[n];
        double[] prob = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            List<ChainScores> c = chain.secondStage(Stage1.grays(src, from, to), s1.outputs().subList(from, to));
            for (int k = 0; k < c.size(); k++) {
                ps2[from + k] = c.get(k).ps2();
                prob[from + k] = c.get(k).probability();
            }
        }
        return new Chained(ps2, prob);
    }
}
