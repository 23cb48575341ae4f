package io.pxrcad.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pxrcad.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and writes {@link TrainConfig} as YAML or JSON (JSON is YAML, so one reader takes both).
 * A file holds any subset of the record's keys, e.g. {@code epochs: 20} and {@code seed: 7};
 * the others keep the values of the base configuration (usually a preset). Unknown keys are
 * errors, so a typo never silently trains with a default.
 */
public final class TrainConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // no silent truncation of epochs: 2.5 to 2
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private TrainConfigFile() {}

    /**
     * @param file a YAML or JSON mapping of {@link TrainConfig} keys
     * @param base the values of keys the file leaves out
     * @throws io.pxrcad.DataException        when the file is missing, a folder or not UTF-8 text
     * @throws IllegalArgumentException when it is malformed, has an unknown key or an invalid value
     */
    public static TrainConfig load(Path file, TrainConfig base) throws IOException {
        return parse(io.pxrcad.IoErrors.readUtf8("config file", file), base, file.toString());
    }

    /** {@link #load} on text; {@code where} names the source in error messages. */
    public static TrainConfig parse(String text, TrainConfig base, String where) {
        JsonNode overrides;
        try {
            overrides = YAML.readTree(text);
        } catch (JacksonException e) {
            // the YAML parser's message spans lines (a caret under the column): keep its first line and the place
            String first = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("expected a YAML or JSON mapping in " + where + ": " + first
                    + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
        ObjectNode merged = JSON.valueToTree(base);
        if (overrides == null || overrides.isMissingNode() || overrides.isNull()) {
            return base;
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("expected a mapping of config keys in " + where + " but was " + overrides.getNodeType());
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = overrides.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!merged.has(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            merged.fieldNames().forEachRemaining(known::add);
            throw new IllegalArgumentException("unknown config key(s) " + unknown + " in " + where + "; expected some of " + known);
        }
        merged.setAll((ObjectNode) overrides);
        try {
            return JSON.treeToValue(merged, TrainConfig.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage() + " in " + where, cause);
        } catch (JacksonException e) {
            String key = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            if (key != null && overrides.has(key)) {
                throw new IllegalArgumentException(key + " must be " + kind(key) + " but was " + overrides.get(key)
                        + " in " + where, e);
            }
            throw new IllegalArgumentException("invalid config value in " + where + ": "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** What a key takes, in words (no Java type names in messages). */
    private static String kind(String key) {
        for (java.lang.reflect.RecordComponent c : TrainConfig.class.getRecordComponents()) {
            if (c.getName().equals(key)) {
                Class<?> t = c.getType();
                if (t == int.class || t == long.class) return "a whole number";
                if (t == double.class || t == float.class) return "a number";
                if (t == boolean.class) return "true or false";
            }
        }
        return "a valid value";
    }

    /** The configuration as a JSON object (for {@code run.json}). */
    public static String toJson(TrainConfig config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + config, e);
        }
    }

    /** Writes the configuration as YAML, atomically; {@link #load} reads it back. */
    public static void writeYaml(Path file, TrainConfig config) throws IOException {
        AtomicFiles.writeString(file, YAML.writeValueAsString(config));
    }
}
