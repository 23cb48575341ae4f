package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the service's OpenAPI document declares for one answer, checked with networknt's
 * validator: the operation for the request's path and method, the response for its status, the
 * media type for its {@code Content-Type}, and the JSON body against that response's schema.
 * The schemas' {@code $ref}s resolve inside the document (registered under {@link #DOC_URI}) and
 * the detection schema under its own {@code $id}, both as the service served them.
 */
final class OpenApiContract {
    static final String DOC_URI = "https://pxrcad.io/openapi.json";

    private final JsonNode doc;
    private final String base;
    private final SchemaRegistry registry;

    OpenApiContract(byte[] served) {
        try {
            this.doc = Http.JSON.readTree(served);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = doc.path("servers").path(0).path("url").asText("");
        JsonNode detection = doc.path("components").path("schemas").path("DetectionResult");
        String text = new String(served, java.nio.charset.StandardCharsets.UTF_8);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(
                DOC_URI, text, detection.path("$id").asText("missing-$id"), detection.toString())));
    }

    JsonNode document() { return doc; }

    /**
     * Everything wrong with {@code r} as the answer to {@code method path}; empty when the
     * document declares this status and media type for the operation and the body matches.
     */
    List<String> problems(String method, String path, HttpResponse<byte[]> r) {
        JsonNode operation = operation(method, path);
        if (operation == null) return List.of("the document has no operation " + method + " " + path);
        JsonNode response = deref(operation.path("responses").path(Integer.toString(r.statusCode())));
        if (response.isMissingNode()) return List.of(method + " " + path + ": status " + r.statusCode() + " is not declared");
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode media = response.path("content").path(type);
        if (media.isMissingNode()) return List.of(method + " " + path + " " + r.statusCode() + ": media type '" + type + "' is not declared");
        if (!type.equals("application/json")) return List.of();
        return problems(media.path("schema"), Http.json(r));
    }

    /**
     * What {@code schema} (a node of the document) finds wrong with {@code body}. A {@code $ref}
     * into the document is made absolute, so that the validator loads the whole document and
     * resolves the referenced schema's own references there.
     */
    List<String> problems(JsonNode schema, JsonNode body) {
        JsonNode ref = schema.path("$ref");
        JsonNode root = ref.isTextual() && ref.asText().startsWith("#")
                ? Http.JSON.createObjectNode().put("$ref", DOC_URI + ref.asText()) : schema;
        Schema s = registry.getSchema(root);
        return s.validate(body).stream().map(Object::toString).toList();
    }

    /** The schema the document declares for {@code method path} answering {@code status} in JSON. */
    JsonNode jsonSchema(String method, String path, int status) {
        return deref(operation(method, path).path("responses").path(Integer.toString(status)))
                .path("content").path("application/json").path("schema");
    }

    /** The operations the document declares, as {@code METHOD /api/v1/path}. */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) out.add(m.toUpperCase(java.util.Locale.ROOT) + " " + base + p.getKey());
        }));
        return out;
    }

    private JsonNode operation(String method, String path) {
        if (!path.startsWith(base)) return null;
        String rest = path.substring(base.length());
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String regex = p.getKey().replaceAll("\\.", "\\\\.").replaceAll("\\{[^}]+}", "[^/]+");
            if (rest.matches(regex) && p.getValue().has(method.toLowerCase(java.util.Locale.ROOT))) {
                return p.getValue().get(method.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return null;
    }

    /** A response object, following its {@code $ref} into {@code components.responses}. */
    private JsonNode deref(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? doc.at(ref.asText().substring(1)) : node;
    }
}
