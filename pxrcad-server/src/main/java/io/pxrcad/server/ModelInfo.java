package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the service says about its model: {@code id} (the artifact's method, e.g. {@code two-stage})
 * and {@code version} ({@link ModelArtifact#version()}: the same version gives the same results);
 * and the document of
 * {@code GET /model}: those, the artifact's {@code model.json} and its card {@code MODEL.md}.
 */
record ModelInfo(String id, String version, ObjectNode document) {

    static ModelInfo of(ModelArtifact artifact) {
        ModelMetadata m = artifact.metadata();
        String id = m.info().method();
        String version = artifact.version();
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", id).put("version", version).put("createdAt", m.createdAt());
        doc.set("metadata", read(artifact.dir().resolve(ModelArtifact.METADATA_FILE)));
        Path card = artifact.dir().resolve(ModelArtifact.CARD_FILE);
        if (Files.isRegularFile(card)) doc.put("card", readString(card));
        else doc.putNull("card");
        return new ModelInfo(id, version, doc);
    }

    /** {@code {"id": ..., "version": ...}} for each prediction. */
    ObjectNode summary() {
        return Json.MAPPER.createObjectNode().put("id", id).put("version", version);
    }

    private static JsonNode read(Path json) {
        try {
            return Json.MAPPER.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json + ": " + e.getMessage(), e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
