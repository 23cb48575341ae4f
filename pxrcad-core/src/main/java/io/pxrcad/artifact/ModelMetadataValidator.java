package io.pxrcad.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the JSON of a {@code model.json} field by field before it is bound to
 * {@link ModelMetadata}, so that an edited or damaged file fails with the field's path and the
 * file ({@code invalid model RUN/model/model.json: info.thresholds.suspicious (0.9) must not exceed
 * info.thresholds.fracture (0.5)}) instead of changing what the model decides. One method per
 * object of the file: a new optional field is one line in its object's method. Unknown fields are
 * not checked here (the reader ignores them, so newer files stay readable).
 */
final class ModelMetadataValidator {
    /** The model input sizes training accepts ({@code TrainConfig}): the networks' total stride up to 4096. */
    static final int MIN_IMAGE_SIZE = 32;
    static final int MAX_IMAGE_SIZE = 4096;
    /** As {@code TrainConfig.MAX_CHAIN_ROIS} (artifact does not depend on train). */
    static final int MAX_CHAIN_ROIS = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Path file;

    private ModelMetadataValidator(Path file) {
        this.file = file;
    }

    /** @throws ModelArtifactException naming the first invalid field and the file */
    static void validate(JsonNode root, Path file) {
        new ModelMetadataValidator(file).root(root);
    }

    private void root(JsonNode root) {
        if (root == null || !root.isObject()) fail("", "expected a JSON object");
        int version = integer(root, "formatVersion", "formatVersion", true);
        if (version != ModelArtifact.FORMAT_VERSION) {
            fail("formatVersion", "must be " + ModelArtifact.FORMAT_VERSION + " but was " + version
                    + " (a model written by another version of pxrcad)");
        }
        info(object(root, "info", "info", true));
        number(root, "lseR", "lseR", false, Double.MIN_VALUE, Double.MAX_VALUE);
        networks(object(root, "networks", "networks", true));
        strings(root, "versions", "versions");
        string(root, "createdAt", "createdAt", false);
    }

    private void info(JsonNode info) {
        string(info, "method", "info.method", true);
        int imageSize = preprocessing(object(info, "preprocessing", "info.preprocessing", true));
        Integer roiSize = optionalInteger(info, "roiSize", "info.roiSize");
        if (roiSize != null) between("info.roiSize", roiSize, 1, imageSize);
        Integer roiInput = optionalInteger(info, "roiInput", "info.roiInput");
        if (roiInput != null) between("info.roiInput", roiInput, MIN_IMAGE_SIZE, MAX_IMAGE_SIZE);
        Integer chainRois = optionalInteger(info, "chainRois", "info.chainRois");
        if (chainRois != null) between("info.chainRois", chainRois, 1, MAX_CHAIN_ROIS);
        number(info, "pHat", "info.pHat", false, 0, 1);
        JsonNode t = object(info, "thresholds", "info.thresholds", false);
        if (t != null) {
            Double suspicious = number(t, "suspicious", "info.thresholds.suspicious", false, 0, 1);
            Double fracture = number(t, "fracture", "info.thresholds.fracture", false, 0, 1);
            if (suspicious != null && fracture != null && suspicious > fracture) {
                fail("info.thresholds.suspicious", "(" + suspicious + ") must not exceed info.thresholds.fracture ("
                        + fracture + ")");
            }
        }
        strings(info, "notes", "info.notes");
    }

    /** @return the image size */
    private int preprocessing(JsonNode p) {
        int size = integer(p, "imageSize", "info.preprocessing.imageSize", true);
        between("info.preprocessing.imageSize", size, MIN_IMAGE_SIZE, MAX_IMAGE_SIZE);
        double low = number(p, "lowPercentile", "info.preprocessing.lowPercentile", true, 0, 100);
        double high = number(p, "highPercentile", "info.preprocessing.highPercentile", true, 0, 100);
        if (!(low < high)) {
            fail("info.preprocessing.lowPercentile", "(" + low + ") must be below info.preprocessing.highPercentile (" + high + ")");
        }
        triple(p, "mean", "info.preprocessing.mean", -Double.MAX_VALUE);
        triple(p, "std", "info.preprocessing.std", Double.MIN_VALUE);
        return size;
    }

    private void networks(JsonNode nets) {
        if (nets.isEmpty()) fail("networks", "must name at least one network");
        for (Iterator<Map.Entry<String, JsonNode>> it = nets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "networks." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches()) fail(path, "is not a network name (expected " + NAME + ")");
            JsonNode n = e.getValue();
            if (!n.isObject()) fail(path, "expected an object");
            JsonNode config = object(n, "config", path + ".config", true);
            string(config, "role", path + ".config.role", true);
            string(config, "backbone", path + ".config.backbone", true);
            number(config, "lseR", path + ".config.lseR", true, Double.MIN_VALUE, Double.MAX_VALUE);
            bool(config, "typeOutput", path + ".config.typeOutput");
            String f = string(n, "file", path + ".file", true);
            if (!f.equals(e.getKey() + ".safetensors")) {
                fail(path + ".file", "must be " + e.getKey() + ".safetensors but was '" + f + "'");
            }
            String sha = string(n, "sha256", path + ".sha256", true);
            if (!SHA256.matcher(sha).matches()) fail(path + ".sha256", "must be 64 hex digits but was '" + sha + "'");
            JsonNode params = n.get("parameters");
            if (params == null || !params.canConvertToLong() || !params.isIntegralNumber() || params.asLong() <= 0) {
                fail(path + ".parameters", "must be a whole number > 0 but was " + shown(params));
            }
        }
    }

    // --- field readers: each names the field's path on failure

    private JsonNode object(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) fail(path, "is missing");
            return null;
        }
        if (!n.isObject()) fail(path, "must be an object but was " + shown(n));
        return n;
    }

    private String string(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) fail(path, "is missing");
            return null;
        }
        if (!n.isTextual() || required && n.asText().isBlank()) fail(path, "must be a non-empty string but was " + shown(n));
        return n.asText();
    }

    private int integer(JsonNode parent, String key, String path, boolean required) {
        Integer v = optionalInteger(parent, key, path);
        if (v == null) fail(path, "is missing");
        return v;
    }

    private Integer optionalInteger(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) fail(path, "must be a whole number but was " + shown(n));
        return n.intValue();
    }

    private Double number(JsonNode parent, String key, String path, boolean required, double min, double max) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) fail(path, "is missing");
            return null;
        }
        if (!n.isNumber()) fail(path, "must be a number but was " + shown(n));
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) fail(path, "must be " + range(min, max) + " but was " + v);
        return v;
    }

    private void bool(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n != null && !n.isNull() && !n.isBoolean()) fail(path, "must be true or false but was " + shown(n));
    }

    private void triple(JsonNode parent, String key, String path, double min) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isArray() || n.size() != 3) fail(path, "must be a list of 3 numbers (RGB) but was " + shown(n));
        for (int i = 0; i < 3; i++) {
            JsonNode v = n.get(i);
            if (!v.isNumber() || !(v.doubleValue() >= min) || Double.isInfinite(v.doubleValue())) {
                fail(path + "[" + i + "]", "must be a " + (min > 0 ? "number > 0" : "number") + " but was " + shown(v));
            }
        }
    }

    private void strings(JsonNode parent, String key, String path) {
        JsonNode n = object(parent, key, path, false);
        if (n == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) fail(path + "." + e.getKey(), "must be a string but was " + shown(e.getValue()));
        }
    }

    private void between(String path, int v, int min, int max) {
        if (v < min || v > max) fail(path, "must be between " + min + " and " + max + " but was " + v);
    }

    private static String range(double min, double max) {
        if (min == Double.MIN_VALUE && max == Double.MAX_VALUE) return "> 0";
        return "in [" + fmt(min) + "," + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A value as the file has it, shortened; never a Java type name. */
    private static String shown(JsonNode n) {
        if (n == null || n.isMissingNode()) return "missing";
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private void fail(String path, String problem) {
        throw new ModelArtifactException("invalid model " + file + ": " + (path.isEmpty() ? "" : path + " ") + problem);
    }
}
