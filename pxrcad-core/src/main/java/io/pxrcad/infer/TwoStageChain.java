package io.pxrcad.infer;

import io.pxrcad.image.InputBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.image.RoiCrops;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.mining.RoiGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * The chained two-stage pass of METHOD.md in plain Java, over two {@link NetworkRunner}s: stage 1
 * gives the map, {@code ps1 = max p} at cell {@code (i*, j*)}; the ROI around that cell is cut from
 * the model-size image and classified by stage 2 ({@code ps2}, type); the final probability is
 * {@code ps1 * ps2}. With {@code candidates} above 1 (a model's {@code chainRois}) the ROIs of the
 * map's highest cells are all classified and the image takes the cell with the largest
 * {@code p[cell] * ps2}: a fracture that stage 1 ranks second still reaches stage 2, and a mimic that
 * stage 1 ranks first no longer decides the score alone. Prediction, evaluation, cross-validation and training's validation scoring
 * all run this class, so the operating thresholds are chosen by the code that applies them.
 * Inputs are model-size grey images ({@link Preprocessor#modelGray}); each call is one batch
 * (one forward pass per stage). Does not own the runners.
 */
public final class TwoStageChain {
    private final Preprocessor preprocessor;
    private final RoiGeometry geometry;
    private final int roiInput;
    private final NetworkRunner stage1;
    private final NetworkRunner stage2;
    private final int candidates;

    /** METHOD.md's chain: the argmax cell only. */
    public TwoStageChain(Preprocessor preprocessor, RoiGeometry geometry, int roiInput, NetworkRunner stage1,
                         NetworkRunner stage2) {
        this(preprocessor, geometry, roiInput, stage1, stage2, 1);
    }

    /** @param candidates how many of the map's highest cells stage 2 classifies (>= 1) */
    public TwoStageChain(Preprocessor preprocessor, RoiGeometry geometry, int roiInput, NetworkRunner stage1,
                         NetworkRunner stage2, int candidates) {
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1 but was " + candidates);
        if (geometry.imageSize() != preprocessor.config().imageSize()) {
            throw new IllegalArgumentException("ROI geometry is for " + geometry.imageSize() + " px but the images are "
                    + preprocessor.config().imageSize() + " px");
        }
        this.preprocessor = preprocessor;
        this.geometry = geometry;
        this.roiInput = roiInput;
        this.stage1 = stage1;
        this.stage2 = stage2;
        this.candidates = candidates;
    }

    public int imageSize() { return geometry.imageSize(); }

    public RoiGeometry geometry() { return geometry; }

    /** Both stages on one batch of model-size grey images. */
    public List<ChainScores> run(List<float[]> grays) {
        return secondStage(grays, firstStage(grays));
    }

    /** Stage 1 on one batch: {@code [lse (N,1), map (N,1,h,w), features (N,C)]} per image. */
    public List<StageOneOutput> firstStage(List<float[]> grays) {
        int n = grays.size();
        List<StageOneOutput> out = new ArrayList<>(n);
        if (n == 0) return out;
        List<Tensor> o = stage1.forward(inputs(grays, imageSize()));
        Tensor lse = o.get(0), map = o.get(1), features = o.get(2);
        int h = map.dim(2), w = map.dim(3);
        for (int k = 0; k < n; k++) {
            out.add(new StageOneOutput(lse.data()[k], new ProbabilityMap(h, w, map.item(k)), features.item(k)));
        }
        return out;
    }

    /**
     * Stage 2 on the ROI at each image's map maximum (or its highest cells), given stage 1's outputs for the same images
     * (training caches them: stage 1 is frozen while stage 2 trains).
     */
    public List<ChainScores> secondStage(List<float[]> grays, List<StageOneOutput> first) {
        int n = grays.size();
        if (first.size() != n) {
            throw new IllegalArgumentException(n + " images but " + first.size() + " stage-1 outputs");
        }
        List<ChainScores> out = new ArrayList<>(n);
        if (n == 0) return out;
        int s = imageSize();
        List<List<MapCell>> cells = new ArrayList<>(n);
        List<InputBox> rois = new ArrayList<>();
        List<float[]> crops = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ProbabilityMap map = first.get(k).map();
            List<MapCell> highest = candidates == 1 ? List.of(map.argmax()) : map.highest(candidates);
            cells.add(highest);
            for (MapCell c : highest) {
                InputBox roi = geometry.box(c, map);
                rois.add(roi);
                crops.add(RoiCrops.crop(grays.get(k), s, roi, roiInput));
            }
        }
        List<Tensor> o = stage2.forward(inputs(crops, roiInput));
        float[] ps2 = o.get(0).data();
        float[] pelvic = o.size() > 1 ? o.get(1).data() : null;
        int row = 0;
        for (int k = 0; k < n; k++) {
            ProbabilityMap map = first.get(k).map();
            List<MapCell> highest = cells.get(k);
            int best = row;
            double bestScore = -1;
            for (int j = 0; j < highest.size(); j++) {
                double score = (double) map.get(highest.get(j)) * ps2[row + j];
                if (score > bestScore) {
                    bestScore = score;
                    best = row + j;
                }
            }
            out.add(new ChainScores(first.get(k), highest.get(best - row), rois.get(best), ps2[best],
                    pelvic == null ? null : pelvic[best]));
            row += highest.size();
        }
        return out;
    }

    /** {@code (N,3,side,side)} normalised network input from grey squares of that side. */
    Tensor inputs(List<float[]> grays, int side) {
        int per = 3 * side * side;
        float[] x = new float[grays.size() * per];
        for (int k = 0; k < grays.size(); k++) {
            preprocessor.toInput(grays.get(k), side, x, k * per);
        }
        return Tensor.of(x, grays.size(), 3, side, side);
    }
}
