package io.pxrcad.infer;

import io.pxrcad.artifact.ModelArtifact;

/**
 * Turns a network saved in a {@link ModelArtifact} into a {@link NetworkRunner} on one engine
 * and device. {@link TorchRunner#ENGINE} is DJL's PyTorch engine.
 */
public interface InferenceEngine {
    /**
     * @param network e.g. {@link ModelArtifact#STAGE1}
     * @param device  {@code auto}, {@code cpu}, {@code gpu0}, ...
     */
    NetworkRunner open(ModelArtifact artifact, String network, String device);

    /** e.g. {@code DJL 0.36.0, PyTorch 2.7.1, device cpu()}, for logs and benchmarks. */
    String describe(String device);
}
