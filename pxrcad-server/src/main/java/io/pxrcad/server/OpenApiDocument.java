package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of {@code GET /api/v1/openapi.json}: {@code openapi.json} (a resource
 * next to this class, written by hand because Javalin's OpenAPI plugin is not served for 7.x)
 * with {@code docs/detection.schema.json} embedded as {@code components.schemas.DetectionResult}.
 * The schema keeps its {@code $id}, so the document's
 * {@code https://pxrcad.io/schemas/detection-1.json#/$defs/detection} resolves inside it, and
 * there is one detection schema for {@code predict}, the service and batch jobs.
 */
final class OpenApiDocument {
    static final String RESOURCE = "openapi.json";
    static final String DETECTION_RESOURCE = "detection.schema.json";

    private OpenApiDocument() {}

    /** The document as served, serialised once. */
    static byte[] bytes() {
        ObjectNode doc = (ObjectNode) read(RESOURCE);
        ((ObjectNode) doc.get("components").get("schemas")).set("DetectionResult", read(DETECTION_RESOURCE));
        try {
            return Json.MAPPER.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the service's jar lacks " + resource + " (a broken build)");
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + resource + ": " + e.getMessage(), e);
        }
    }
}
