package io.pxrcad.infer;

import io.pxrcad.Radiograph;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.image.Preprocessor;

import java.nio.file.Path;
import java.util.List;

/**
 * An image-level classifier with one network (a Table 1 baseline: {@code method} is its id):
 * preprocessing of the artifact, one evaluation-mode forward pass, the image probability.
 * Thread-safe. Must be closed: it owns the runner.
 */
public final class ImageClassifier implements AutoCloseable {
    private final ModelArtifact artifact;
    private final NetworkRunner runner;
    private final Preprocessor preprocessor;

    private ImageClassifier(ModelArtifact artifact, NetworkRunner runner) {
        this.artifact = artifact;
        this.runner = runner;
        this.preprocessor = new Preprocessor(artifact.metadata().info().preprocessing());
    }

    /** Loads a single-network artifact ({@link ModelArtifact#MODEL}) onto a PyTorch device ({@code auto|cpu|gpuN}). */
    public static ImageClassifier load(Path dir, String device) {
        ModelArtifact a = ModelArtifact.load(dir);
        if (!a.has(ModelArtifact.MODEL)) {
            throw new ModelArtifactException("expected network " + ModelArtifact.MODEL + " in " + dir + " but found "
                    + a.metadata().networks().keySet());
        }
        return new ImageClassifier(a, TorchRunner.ENGINE.open(a, ModelArtifact.MODEL, device));
    }

    public ModelArtifact artifact() { return artifact; }

    /** Fracture probability in [0,1] of each radiograph, in order (one forward pass). */
    public float[] score(List<Radiograph> images) {
        int n = images.size();
        int s = preprocessor.config().imageSize();
        float[] x = new float[n * 3 * s * s];
        for (int k = 0; k < n; k++) {
            preprocessor.toInput(preprocessor.modelGray(images.get(k)), s, x, k * 3 * s * s);
        }
        return runner.forward(Tensor.of(x, n, 3, s, s)).get(0).data();
    }

    @Override
    public void close() {
        runner.close();
    }
}
