package io.pxrcad.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** {@code docs/detection.schema.json}, the schema of every result line, to check command output against. */
final class DetectionSchema {
    private static final Schema SCHEMA = load();

    private DetectionSchema() {}

    private static Schema load() {
        try {
            String text = Files.readString(RepoTestdata.resolve("../docs/detection.schema.json").normalize());
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with one JSON line; empty when it is valid. */
    static List<String> problems(String jsonLine) {
        return SCHEMA.validate(jsonLine, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
