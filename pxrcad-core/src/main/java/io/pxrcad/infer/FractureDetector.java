package io.pxrcad.infer;

import io.pxrcad.model.TorchModels;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.image.MapCell;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.mining.RoiGeometry;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.model.MilFcn;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.image.RoiCrops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chained two-stage pass of a trained model (METHOD.md): stage 1 gives the map,
 * {@code ps1 = max p} at cell {@code (i*, j*)}; the ROI around that cell is cut from the
 * resized image and classified by stage 2 ({@code ps2}, type); the final probability is
 * {@code ps1 * ps2}. Each result also says whether the image is one the model was made for
 * ({@link ScopeCheck}: the file's acquisition facts, a blank image, and the stage-1 features
 * against the training images' statistics in the artifact); the band of one that is not is
 * {@link Band#OUT_OF_SCOPE}. Thread-safe: forward passes run in evaluation mode, each call in its own
 * native memory scope. Must be closed: it owns both models.
 */
public final class FractureDetector implements AutoCloseable {
    private final ModelArtifact artifact;
    private final Model stage1;
    private final Model stage2;
    private final Preprocessor preprocessor;
    private final RoiGeometry geometry;
    private final int roiInput;
    private final ArtifactInfo.Thresholds thresholds;
    private final ScopeCheck scope;

    private FractureDetector(ModelArtifact artifact, Model stage1, Model stage2) {
        this.artifact = artifact;
        this.stage1 = stage1;
        this.stage2 = stage2;
        ArtifactInfo info = artifact.metadata().info();
        PreprocessConfig p = info.preprocessing();
        this.preprocessor = new Preprocessor(p);
        if (info.roiSize() == null || info.roiInput() == null) {
            throw new ModelArtifactException("model in " + artifact.dir() + " is not a two-stage model (no ROI size)");
        }
        this.geometry = new RoiGeometry(p.imageSize(), info.roiSize());
        this.roiInput = info.roiInput();
        this.thresholds = info.thresholds();
        this.scope = new ScopeCheck(info.featureStatistics());
        int features = Networks.network(stage1).backbone().channels() * MilFcn.GRID * MilFcn.GRID;
        if (info.featureStatistics() != null && info.featureStatistics().dimensions() != features) {
            throw new ModelArtifactException("feature statistics in " + artifact.dir().resolve(ModelArtifact.METADATA_FILE)
                    + " have " + info.featureStatistics().dimensions() + " dimensions but its stage-1 network gives " + features);
        }
    }

    /** Loads a two-stage artifact (verifying its hashes) onto a device ({@code auto|cpu|gpuN}). */
    public static FractureDetector load(Path dir, String device) {
        ModelArtifact a = ModelArtifact.load(dir);
        if (!a.has(ModelArtifact.STAGE1) || !a.has(ModelArtifact.STAGE2)) {
            throw new ModelArtifactException("expected networks stage1 and stage2 in " + dir + " but found "
                    + a.metadata().networks().keySet());
        }
        Device d = io.pxrcad.model.TorchEngine.resolve(device);
        Model m1 = TorchModels.load(a, ModelArtifact.STAGE1, d);
        try {
            Model m2 = TorchModels.load(a, ModelArtifact.STAGE2, d);
            try {
                return new FractureDetector(a, m1, m2);
            } catch (RuntimeException e) {
                m2.close();
                throw e;
            }
        } catch (RuntimeException e) {
            m1.close();
            throw e;
        }
    }

    public ModelArtifact artifact() { return artifact; }

    public int imageSize() { return preprocessor.config().imageSize(); }

    /** Runs the chained pass on one radiograph. */
    public Detection detect(Radiograph image) {
        return detect(List.of(image)).get(0);
    }

    /** Runs the chained pass on a batch of radiographs (one forward pass per stage). */
    public List<Detection> detect(List<Radiograph> images) {
        int n = images.size();
        int s = imageSize();
        List<float[]> grays = new ArrayList<>(n);
        float[] x = new float[n * 3 * s * s];
        for (int k = 0; k < n; k++) {
            Radiograph r = images.get(k);
            float[] g = Preprocessor.resize(preprocessor.scaleToUnit(r), r.width(), r.height(), s, s);
            grays.add(g);
            System.arraycopy(preprocessor.toInput(g, s), 0, x, k * 3 * s * s, 3 * s * s);
        }
        List<Detection> out = new ArrayList<>(n);
        try (NDManager nd = stage1.getNDManager().newSubManager()) {
            NDList o1 = forward(stage1, nd, x, new Shape(n, 3, s, s));
            Shape ms = o1.get(1).getShape();
            int h = (int) ms.get(2), w = (int) ms.get(3);
            float[] all = o1.get(1).toFloatArray();
            int c = (int) o1.get(2).getShape().get(1);
            float[] pooled = o1.get(2).toFloatArray();
            List<ProbabilityMap> maps = new ArrayList<>(n);
            float[] rx = new float[n * 3 * roiInput * roiInput];
            List<PixelBox> boxes = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                float[] cells = new float[h * w];
                System.arraycopy(all, k * h * w, cells, 0, h * w);
                ProbabilityMap map = new ProbabilityMap(h, w, cells);
                maps.add(map);
                PixelBox box = geometry.box(map.argmax(), map);
                boxes.add(box);
                float[] crop = RoiCrops.crop(grays.get(k), s, box, roiInput);
                System.arraycopy(preprocessor.toInput(crop, roiInput), 0, rx, k * 3 * roiInput * roiInput,
                        3 * roiInput * roiInput);
            }
            NDList o2 = forward(stage2, nd, rx, new Shape(n, 3, roiInput, roiInput));
            float[] ps2 = o2.get(0).toFloatArray();
            float[] pelvic = o2.size() > 1 ? o2.get(1).toFloatArray() : null;
            for (int k = 0; k < n; k++) {
                Radiograph r = images.get(k);
                ProbabilityMap map = maps.get(k);
                MapCell cell = map.argmax();
                double p1 = map.max();
                double prob = p1 * ps2[k];
                FractureType type = null;
                double typeP = Double.NaN;
                if (pelvic != null) {
                    type = pelvic[k] >= 0.5 ? FractureType.PELVIC : FractureType.HIP;
                    typeP = pelvic[k] >= 0.5 ? pelvic[k] : 1 - pelvic[k];
                }
                PixelBox roi = geometry.toOriginal(boxes.get(k), r.width(), r.height());
                ScopeCheck.Verdict v = scope.judge(r.acquisition(), grays.get(k),
                        Arrays.copyOfRange(pooled, k * c, (k + 1) * c));
                Band band = v.reasons().isEmpty() ? Band.of(prob, thresholds.suspicious(), thresholds.fracture())
                        : Band.OUT_OF_SCOPE;
                out.add(new Detection(prob, p1, ps2[k], band, type, typeP, roi, cell, map, r.width(), r.height(),
                        v.reasons(), v.distance()));
            }
        }
        return out;
    }

    private static NDList forward(Model model, NDManager nd, float[] x, Shape shape) {
        Network net = Networks.network(model);
        return net.forward(new ParameterStore(nd, false), new NDList(nd.create(x, shape)), false);
    }

    @Override
    public void close() {
        try {
            stage2.close();
        } finally {
            stage1.close();
        }
    }
}
