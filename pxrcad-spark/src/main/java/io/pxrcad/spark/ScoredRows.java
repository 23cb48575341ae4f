package io.pxrcad.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.infer.DetectionJson;
import io.pxrcad.infer.ErrorKind;
import io.pxrcad.infer.ImageOutcome;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The output table: one row per input file. The detection fields are taken from
 * {@link io.pxrcad.infer.DetectionJson}, the one form {@code predict} prints, so a row says what
 * {@code predict} says about the same file (probabilities rounded to 6 decimals, band and type
 * labels); an image that could not be read or scored has only path, content hash (when the file
 * could be read), model, error and its kind ({@link ErrorKind#label()}).
 */
public final class ScoredRows {
    public static final String PATH = "path", SHA256 = "sha256", MODEL_VERSION = "modelVersion", ERROR = "error",
            ERROR_KIND = "errorKind", SCORED_AT = "scoredAt";

    private static final StructType ROI = new StructType(new StructField[]{
            DataTypes.createStructField("x0", DataTypes.LongType, false),
            DataTypes.createStructField("y0", DataTypes.LongType, false),
            DataTypes.createStructField("x1", DataTypes.LongType, false),
            DataTypes.createStructField("y1", DataTypes.LongType, false)});

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField(PATH, DataTypes.StringType, false),
            DataTypes.createStructField(SHA256, DataTypes.StringType, true),
            DataTypes.createStructField("probability", DataTypes.DoubleType, true),
            DataTypes.createStructField("stage1", DataTypes.DoubleType, true),
            DataTypes.createStructField("stage2", DataTypes.DoubleType, true),
            DataTypes.createStructField("band", DataTypes.StringType, true),
            DataTypes.createStructField("type", DataTypes.StringType, true),
            DataTypes.createStructField("typeProbability", DataTypes.DoubleType, true),
            DataTypes.createStructField("roi", ROI, true),
            DataTypes.createStructField("width", DataTypes.IntegerType, true),
            DataTypes.createStructField("height", DataTypes.IntegerType, true),
            DataTypes.createStructField("inScope", DataTypes.BooleanType, true),
            DataTypes.createStructField("scopeReasons", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("featureDistance", DataTypes.DoubleType, true),
            DataTypes.createStructField("modelId", DataTypes.StringType, false),
            DataTypes.createStructField(MODEL_VERSION, DataTypes.StringType, false),
            DataTypes.createStructField(ERROR, DataTypes.StringType, true),
            DataTypes.createStructField(ERROR_KIND, DataTypes.StringType, true),
            DataTypes.createStructField(SCORED_AT, DataTypes.TimestampType, false)});

    private ScoredRows() {}

    /** A row from {@code DetectionJson.of(outcome)}: a detection, or an image with its error. */
    static Row of(String path, String sha256, ImageOutcome outcome, ModelIdentity model, Instant scoredAt) {
        if (outcome.failed()) return failed(path, sha256, outcome.error(), outcome.errorKind(), model, scoredAt);
        ObjectNode json = DetectionJson.of(outcome);
        JsonNode roi = json.get("roi");
        JsonNode reasons = json.get("scopeReasons");
        String[] scopeReasons = new String[reasons.size()];
        for (int i = 0; i < scopeReasons.length; i++) scopeReasons[i] = reasons.get(i).asText();
        return RowFactory.create(path, sha256, num(json, "probability"), num(json, "stage1"), num(json, "stage2"),
                json.get("band").asText(), text(json, "type"), num(json, "typeProbability"),
                RowFactory.create(roi.get("x0").asLong(), roi.get("y0").asLong(), roi.get("x1").asLong(), roi.get("y1").asLong()),
                json.get("width").asInt(), json.get("height").asInt(), json.get("inScope").asBoolean(), scopeReasons,
                num(json, "featureDistance"), model.id(), model.version(), null, null, Timestamp.from(scoredAt));
    }

    /** A file that could not be read or scored: no detection fields. */
    static Row failed(String path, String sha256, String error, ErrorKind kind, ModelIdentity model, Instant scoredAt) {
        return RowFactory.create(path, sha256, null, null, null, null, null, null, null, null, null, null, null, null,
                model.id(), model.version(), error, kind.label(), Timestamp.from(scoredAt));
    }

    private static Double num(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
