package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the service says about its model: {@code id} (the artifact's method, e.g. {@code two-stage})
 * and {@code version}, the first 12 hex digits of a SHA-256 over the networks' weight hashes, so
 * that two servers with the same version give the same results; and the document of
 * {@code GET /model}: those, the artifact's {@code model.json} and its card {@code MODEL.md}.
 */
record ModelInfo(String id, String version, ObjectNode document) {

    static ModelInfo of(ModelArtifact artifact) {
        ModelMetadata m = artifact.metadata();
        String id = m.info().method();
        String version = version(m.networks());
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

    private static String version(Map<String, ModelMetadata.NetworkEntry> networks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            networks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    sha.update((e.getKey() + ":" + e.getValue().sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
