package io.pxrcad.spark;

import io.pxrcad.artifact.ModelArtifact;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which model scored a row: {@code version} is {@link ModelArtifact#version()}, {@code id} the
 * artifact's method name, for people.
 */
public record ModelIdentity(String id, String version) implements Serializable {
    /** Loads (and so verifies) the artifact in {@code dir}. */
    public static ModelIdentity of(Path dir) {
        ModelArtifact artifact = ModelArtifact.load(dir);
        return new ModelIdentity(artifact.metadata().info().method(), artifact.version());
    }
}
