package io.pxrcad.server;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** {@code docs/detection.schema.json}: the service's {@code detection} object must be what {@code predict} prints. */
final class DetectionSchema {
    private static final Schema SCHEMA = load();

    private DetectionSchema() {}

    private static Schema load() {
        try {
            String text = Files.readString(RepoFiles.resolve("docs/detection.schema.json"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with one JSON document; empty when it is valid. */
    static List<String> problems(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
