package io.pxrcad.infer;

import io.pxrcad.model.TorchModels;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.Radiograph;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.model.Networks;

import java.nio.file.Path;
import java.util.List;

/**
 * An image-level classifier with one network (a Table 1 baseline: {@code method} is its id):
 * preprocessing of the artifact, one evaluation-mode forward pass, the image probability.
 * Thread-safe (each call in its own native memory scope). Must be closed: it owns the model.
 */
public final class ImageClassifier implements AutoCloseable {
    private final ModelArtifact artifact;
    private final Model model;
    private final Preprocessor preprocessor;

    private ImageClassifier(ModelArtifact artifact, Model model) {
        this.artifact = artifact;
        this.model = model;
        this.preprocessor = new Preprocessor(artifact.metadata().info().preprocessing());
    }

    /** Loads a single-network artifact ({@link ModelArtifact#MODEL}) onto a device ({@code auto|cpu|gpuN}). */
    public static ImageClassifier load(Path dir, String device) {
        ModelArtifact a = ModelArtifact.load(dir);
        if (!a.has(ModelArtifact.MODEL)) {
            throw new ModelArtifactException("expected network " + ModelArtifact.MODEL + " in " + dir + " but found "
                    + a.metadata().networks().keySet());
        }
        Device d = io.pxrcad.model.TorchEngine.resolve(device);
        return new ImageClassifier(a, TorchModels.load(a, ModelArtifact.MODEL, d));
    }

    public ModelArtifact artifact() { return artifact; }

    /** Fracture probability in [0,1] of each radiograph, in order (one forward pass). */
    public float[] score(List<Radiograph> images) {
        int n = images.size();
        int s = preprocessor.config().imageSize();
        float[] x = new float[n * 3 * s * s];
        for (int k = 0; k < n; k++) {
            Radiograph r = images.get(k);
            float[] g = Preprocessor.resize(preprocessor.scaleToUnit(r), r.width(), r.height(), s, s);
            System.arraycopy(preprocessor.toInput(g, s), 0, x, k * 3 * s * s, 3 * s * s);
        }
        try (NDManager nd = model.getNDManager().newSubManager()) {
            NDList out = Networks.network(model).forward(new ParameterStore(nd, false),
                    new NDList(nd.create(x, new Shape(n, 3, s, s))), false);
            return out.get(0).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
