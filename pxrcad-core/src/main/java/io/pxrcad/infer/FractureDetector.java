package io.pxrcad.infer;

import io.pxrcad.Radiograph;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.FeatureStatistics;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.RoiGeometry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained two-stage model ready to read radiographs: the {@link TwoStageChain} on an engine's
 * runners, plus what the artifact says about the result: the reading band against its operating
 * thresholds, the ROI in the original image's pixels, and whether the image is one the model was
 * made for ({@link ScopeCheck}: the file's acquisition facts, a blank image, and the stage-1
 * features against the training images' statistics in the artifact); the band of one that is not
 * is {@link Band#OUT_OF_SCOPE}. Thread-safe. Must be closed: it owns both runners.
 */
public final class FractureDetector implements AutoCloseable {
    private final ModelArtifact artifact;
    private final NetworkRunner stage1;
    private final NetworkRunner stage2;
    private final Preprocessor preprocessor;
    private final TwoStageChain chain;
    private final ArtifactInfo.Thresholds thresholds;
    private final ScopeCheck scope;

    private FractureDetector(ModelArtifact artifact, NetworkRunner stage1, NetworkRunner stage2) {
        this.artifact = artifact;
        this.stage1 = stage1;
        this.stage2 = stage2;
        ArtifactInfo info = artifact.metadata().info();
        this.preprocessor = new Preprocessor(info.preprocessing());
        if (info.roiSize() == null || info.roiInput() == null) {
            throw new ModelArtifactException("model in " + artifact.dir() + " is not a two-stage model (no ROI size)");
        }
        this.chain = new TwoStageChain(preprocessor, new RoiGeometry(info.preprocessing().imageSize(), info.roiSize()),
                info.roiInput(), stage1, stage2, info.chainRoiCount());
        this.thresholds = info.thresholds();
        this.scope = new ScopeCheck(info.featureStatistics());
    }

    /** Loads a two-stage artifact (verifying its hashes) onto a PyTorch device ({@code auto|cpu|gpuN}). */
    public static FractureDetector load(Path dir, String device) {
        return load(dir, device, TorchRunner.ENGINE);
    }

    /** Loads a two-stage artifact onto {@code engine}'s device. */
    public static FractureDetector load(Path dir, String device, InferenceEngine engine) {
        ModelArtifact a = ModelArtifact.load(dir);
        if (!a.has(ModelArtifact.STAGE1) || !a.has(ModelArtifact.STAGE2)) {
            throw new ModelArtifactException("expected networks stage1 and stage2 in " + dir + " but found "
                    + a.metadata().networks().keySet());
        }
        NetworkRunner r1 = engine.open(a, ModelArtifact.STAGE1, device);
        try {
            NetworkRunner r2 = engine.open(a, ModelArtifact.STAGE2, device);
            try {
                return new FractureDetector(a, r1, r2);
            } catch (RuntimeException e) {
                r2.close();
                throw e;
            }
        } catch (RuntimeException e) {
            r1.close();
            throw e;
        }
    }

    public ModelArtifact artifact() { return artifact; }

    public int imageSize() { return chain.imageSize(); }

    /** Runs the chained pass on one radiograph. */
    public Detection detect(Radiograph image) {
        return detect(List.of(image)).get(0);
    }

    /** Runs the chained pass on radiographs as one batch (one forward pass per stage). */
    public List<Detection> detect(List<Radiograph> images) {
        List<float[]> grays = new ArrayList<>(images.size());
        for (Radiograph r : images) grays.add(preprocessor.modelGray(r));
        List<ChainScores> scores = chain.run(grays);
        if (!scores.isEmpty()) checkFeatureDimensions(scores.get(0).stage1().features().length);
        List<Detection> out = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            out.add(detection(images.get(k), grays.get(k), scores.get(k)));
        }
        return out;
    }

    /** Runs the chained pass on radiographs in batches of {@code batchSize}; the same results as one at a time. */
    public List<Detection> detect(List<Radiograph> images, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1 but was " + batchSize);
        List<Detection> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            out.addAll(detect(images.subList(from, Math.min(images.size(), from + batchSize))));
        }
        return out;
    }

    private Detection detection(Radiograph r, float[] gray, ChainScores c) {
        ScopeCheck.Verdict v = scope.judge(r.acquisition(), gray, c.stage1().features());
        double prob = c.probability();
        Band band = v.reasons().isEmpty() ? Band.of(prob, thresholds.suspicious(), thresholds.fracture()) : Band.OUT_OF_SCOPE;
        return new Detection(prob, c.stage1().ps1(), c.ps2(), band, c.type(), c.typeProbability(),
                chain.geometry().toOriginal(c.roi(), r.width(), r.height()), c.stage1().map().argmax(), c.stage1().map(),
                r.width(), r.height(), v.reasons(), v.distance());
    }

    private void checkFeatureDimensions(int features) {
        FeatureStatistics stats = artifact.metadata().info().featureStatistics();
        if (stats != null && stats.dimensions() != features) {
            throw new ModelArtifactException("feature statistics in " + artifact.dir().resolve(ModelArtifact.METADATA_FILE)
                    + " have " + stats.dimensions() + " dimensions but its stage-1 network gives " + features);
        }
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
