package io.pxrcad.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * The one JSON form of a result, shared by {@code predict}, {@code evaluate}, the service and
 * batch jobs; {@code docs/detection.schema.json} is its schema. A detection:
 * {@code image, probability, stage1, stage2, band, type, typeProbability, roi {x0,y0,x1,y1}
 * (original pixels), width, height, inScope, scopeReasons, featureDistance}; an image that failed:
 * {@code image, error}. Probabilities are rounded to 6 decimals.
 */
public final class DetectionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionJson() {}

    public static ObjectNode of(String image, Detection d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("image", image);
        o.put("probability", round(d.probability()));
        o.put("stage1", round(d.stage1()));
        o.put("stage2", round(d.stage2()));
        o.put("band", d.band().label());
        if (d.type() != null) {
            o.put("type", d.type().label());
            o.put("typeProbability", round(d.typeProbability()));
        } else {
            o.putNull("type");
            o.putNull("typeProbability");
        }
        ObjectNode roi = o.putObject("roi");
        roi.put("x0", Math.round(d.roi().x0()));
        roi.put("y0", Math.round(d.roi().y0()));
        roi.put("x1", Math.round(d.roi().x1()));
        roi.put("y1", Math.round(d.roi().y1()));
        o.put("width", d.width());
        o.put("height", d.height());
        o.put("inScope", d.inScope());
        ArrayNode reasons = o.putArray("scopeReasons");
        d.scopeReasons().forEach(reasons::add);
        // null: the model keeps no feature statistics (saved before them), scope came from the header only
        if (d.featureDistance() == null) o.putNull("featureDistance");
        else o.put("featureDistance", round(d.featureDistance()));
        return o;
    }

    public static ObjectNode error(String image, String error) {
        return JSON.createObjectNode().put("image", image).put("error", error);
    }

    /** A detection or an error, as {@link #of} or {@link #error} give it. */
    public static ObjectNode of(ImageOutcome o) {
        return o.failed() ? error(o.name(), o.error()) : of(o.name(), o.detection());
    }

    /** One line of JSON (for JSON Lines output). */
    public static String line(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
