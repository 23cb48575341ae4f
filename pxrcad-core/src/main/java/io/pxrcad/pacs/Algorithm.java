package io.pxrcad.pacs;

import io.pxrcad.artifact.ModelArtifact;

import java.util.Objects;

/**
 * What made a result, as PACS integration profiles ask it to be named (e.g. IHE AI Results):
 * the software and its version, and the model by its method and {@link ModelArtifact#version()}.
 * Written to the Contributing Equipment Sequence (purpose "Processing Algorithm") of both
 * outputs and to the SR's algorithm identification.
 *
 * @param name            the algorithm, e.g. {@code pxrcad}
 * @param softwareVersion pxrcad's version
 * @param modelId         the model's method, e.g. {@code two-stage}
 * @param modelVersion    the model's version (16 hex digits); part of every derived UID
 */
public record Algorithm(String name, String softwareVersion, String modelId, String modelVersion) {
    public Algorithm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelVersion, "modelVersion");
        for (String v : new String[] {name, softwareVersion, modelId, modelVersion}) {
            if (v.isEmpty() || v.length() > 32 || !v.matches("[\\x20-\\x5B\\x5D-\\x7E]*")) {
                throw new IllegalArgumentException("algorithm fields must be 1 to 32 printable ASCII characters without '\\' but one was '" + v + "'");
            }
        }
    }

    /** pxrcad with the version of its jar ({@code development} when run from classes) and the artifact's model. */
    public static Algorithm of(ModelArtifact model) {
        String v = Algorithm.class.getPackage().getImplementationVersion();
        return new Algorithm("pxrcad", v == null ? "development" : v, model.metadata().info().method(), model.version());
    }

    /** {@code two-stage 0123456789abcdef}: the model as one name. */
    String model() { return modelId + " " + modelVersion; }
}
