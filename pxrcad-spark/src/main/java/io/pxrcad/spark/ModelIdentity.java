package io.pxrcad.spark;

import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which model scored a row. {@code version} is the SHA-256 of the artifact's {@code model.json}
 * (first 16 hex digits): that file holds the weight files' hashes, the thresholds and the feature
 * statistics, so two artifacts with the same version give the same results, and a re-trained or
 * re-calibrated model gets a new one. {@code id} is the artifact's method name, for people.
 */
public record ModelIdentity(String id, String version) implements Serializable {
    /** Loads (and so verifies) the artifact in {@code dir}. */
    public static ModelIdentity of(Path dir) {
        ModelArtifact artifact = ModelArtifact.load(dir);
        Path json = dir.resolve(ModelArtifact.METADATA_FILE);
        try {
            String hash = ModelArtifact.sha256(Files.readAllBytes(json));
            return new ModelIdentity(artifact.metadata().info().method(), hash.substring(0, 16));
        } catch (IOException e) {
            throw new ModelArtifactException("cannot read " + json + ": " + e.getMessage(), e);
        }
    }
}
