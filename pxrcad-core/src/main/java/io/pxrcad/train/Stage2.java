package io.pxrcad.train;

import io.pxrcad.Seeds;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.eval.Pointing;
import io.pxrcad.eval.Share;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Geometry;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.image.RoiCrops;
import io.pxrcad.mining.EpochRoiCounts;
import io.pxrcad.mining.MinedRoi;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.mining.RoiGeometry;
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
    private final List<List<PixelBox>> boxesInInput;
    private List<MinedRoi> rois = List.of();
    private EpochRoiCounts counts;
    private Share roiLabelAccuracy = Share.of(0, 0);
    private int epoch;

    Stage2(TrainConfig config, ImageSource train, List<TrainingMap> trainMaps, ImageSource val, Stage1.Scores valStage1,
           RoiSampler sampler, Preprocessor preprocessor, Augmenter augmenter, boolean typeOutput) {
        this.config = config;
        this.train = train;
        this.trainMaps = trainMaps;
        this.val = val;
        this.valStage1 = valStage1;
        this.sampler = sampler;
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
        this.typeOutput = typeOutput;
        this.boxesInInput = boxesInInput(train, trainMaps);
    }

    /**
     * The annotated fracture boxes of each training image in model-input pixels (empty when it has
     * none). They are read only to report METHOD.md's ROI label accuracy, never for training.
     */
    private static List<List<PixelBox>> boxesInInput(ImageSource src, List<TrainingMap> maps) {
        List<List<PixelBox>> out = new ArrayList<>(src.size());
        for (int i = 0; i < src.size(); i++) {
            List<PixelBox> boxes = src.entry(i).boxes();
            if (boxes.isEmpty()) {
                out.add(List.of());
                continue;
            }
            int[] wh;
            try {
                wh = src.originalSize(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProbabilityMap map = maps.get(i).map();
            Geometry g = new Geometry(wh[0], wh[1], src.imageSize(), map.width(), map.height());
            out.add(boxes.stream().map(g::boxToInput).toList());
        }
        return out;
    }

    /**
     * METHOD.md's ROI label accuracy on this epoch's mined ROIs: the share of probable-positive ROIs
     * of images with boxes whose centre lies in a box grown by half a map cell.
     */
    private Share roiLabelAccuracy(List<MinedRoi> drawn) {
        int hits = 0, total = 0;
        for (MinedRoi roi : drawn) {
            List<PixelBox> boxes = boxesInInput.get(roi.imageIndex());
            if (roi.kind() != RoiKind.PROBABLE_POSITIVE || boxes.isEmpty()) continue;
            ProbabilityMap map = trainMaps.get(roi.imageIndex()).map();
            double cw = (double) train.imageSize() / map.width(), ch = (double) train.imageSize() / map.height();
            total++;
            if (Pointing.hit(boxes, roi.box().centerX(), roi.box().centerY(), cw / 2, ch / 2)) hits++;
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
            System.arraycopy(preprocessor.toInput(crop, r), 0, x, k * 3 * r * r, 3 * r * r);
            labels[k] = roi.label();
            if (roi.label() == 1 && roi.type() != null) {
                types[k] = roi.type() == FractureType.PELVIC ? 1 : 0;
                mask[k] = 1;
            }
        }
        return new Batch(x, n, r, labels, types, mask);
    }

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
        float[] finals = chained(trainer, val, valStage1, sampler.geometry(), preprocessor, config).probability;
        int[] labels = WholeImages.labels(val);
        return new EpochLoop.Validation(Bce.mean(finals, labels), Auc.of(finals, labels));
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

    /** Chained scores of every image of a source: {@code ps2} on the argmax ROI and {@code ps1*ps2}. */
    record Chained(float[] ps2, float[] probability) {}

    static Chained chained(NetworkTrainer trainer, ImageSource src, Stage1.Scores s1, RoiGeometry geometry,
                           Preprocessor preprocessor, TrainConfig config) throws IOException {
        int n = src.size();
        int r = config.roiInput();
        float[] ps2 = new float[n];
        float[] prob = new float[n];
        for (int from = 0; from < n; from += config.roiBatchSize()) {
            int m = Math.min(config.roiBatchSize(), n - from);
            float[] x = new float[m * 3 * r * r];
            for (int k = 0; k < m; k++) {
                ProbabilityMap map = s1.maps().get(from + k);
                PixelBox box = geometry.box(map.argmax(), map);
                float[] crop = RoiCrops.crop(src.gray(from + k), src.imageSize(), box, r);
                System.arraycopy(preprocessor.toInput(crop, r), 0, x, k * 3 * r * r, 3 * r * r);
            }
            try (NDManager sub = trainer.manager().newSubManager()) {
                NDList out = trainer.predict(sub.create(x, new Shape(m, 3, r, r)));
                float[] f = out.get(0).toFloatArray();
                for (int k = 0; k < m; k++) {
                    ps2[from + k] = f[k];
                    prob[from + k] = s1.ps1()[from + k] * f[k];
                }
            }
        }
        return new Chained(ps2, prob);
    }
}
