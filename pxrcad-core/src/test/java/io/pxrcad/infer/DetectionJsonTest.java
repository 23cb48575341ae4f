package io.pxrcad.infer;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.mining.ProbabilityMap;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.pxrcad.RepoTestdata;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON form of a result (predict, evaluate, the service): scope fields beside the scores, valid against its schema. */
class DetectionJsonTest {
    static Detection detection(Band band, List<String> reasons, Double distance) {
        return new Detection(0.5, 0.8, 0.625, band, FractureType.HIP, 0.9, new PixelBox(1, 2, 30, 40), new MapCell(0, 1),
                new ProbabilityMap(1, 2, new float[] {0.1f, 0.8f}), 64, 64, reasons, distance);
    }

    @Test
    void anOutOfScopeImageSaysWhyAndKeepsItsProbability() {
        JsonNode o = DetectionJson.of("chest.dcm", detection(Band.OUT_OF_SCOPE,
                List.of("body part CHEST (expected pelvis or hip)", "image features outside the training distribution (distance 3.10 > threshold 1.70)"), 3.1));
        assertThat(o.get("band").asText()).isEqualTo("out-of-scope");
        assertThat(o.get("probability").asDouble()).isEqualTo(0.5);
        assertThat(o.get("inScope").asBoolean()).isFalse();
        assertThat(o.get("scopeReasons")).hasSize(2);
        assertThat(o.get("scopeReasons").get(0).asText()).isEqualTo("body part CHEST (expected pelvis or hip)");
        assertThat(o.get("featureDistance").asDouble()).isEqualTo(3.1);
    }

    @Test
    void anInScopeImageHasNoReasonAndAModelWithoutStatisticsNoDistance() {
        JsonNode o = DetectionJson.of("pelvis.png", detection(Band.SUSPICIOUS, List.of(), null));
        assertThat(o.get("band").asText()).isEqualTo("suspicious");
        assertThat(o.get("inScope").asBoolean()).isTrue();
        assertThat(o.get("scopeReasons").isArray()).isTrue();
        assertThat(o.get("scopeReasons")).isEmpty();
        assertThat(o.get("featureDistance").isNull()).isTrue();
    }

    /** The schema in docs/, as every client reads it. */
    static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(RepoTestdata.root().resolve("docs/detection.schema.json")), InputFormat.JSON);

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> problems(JsonNode o) {
        return SCHEMA.validate(o.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @Test
    void everyFormIsValidAgainstTheSchema() {
        assertThat(problems(DetectionJson.of("pelvis.png", detection(Band.SUSPICIOUS, List.of(), null)))).isEmpty();
        assertThat(problems(DetectionJson.of("chest.dcm", detection(Band.OUT_OF_SCOPE, List.of("modality MR (expected CR, DX or RF)"),
                2.5)))).isEmpty();
        Detection noType = new Detection(0.1, 0.2, 0.5, Band.NONE, null, Double.NaN, new PixelBox(0, 0, 10, 10),
                new MapCell(0, 0), new ProbabilityMap(1, 1, new float[] {0.2f}), 20, 30, List.of(), 0.4);
        assertThat(problems(DetectionJson.of("x.tif", noType))).isEmpty();
        assertThat(problems(DetectionJson.error("missing.dcm", "no such file: missing.dcm"))).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatAClientMustNotReceive() {
        ObjectNode o = DetectionJson.of("pelvis.png", detection(Band.SUSPICIOUS, List.of(), null));
        assertThat(problems(o.deepCopy().put("probability", 1.5))).isNotEmpty();
        assertThat(problems(o.deepCopy().put("band", "maybe"))).isNotEmpty();
        assertThat(problems(o.deepCopy().put("inScope", false))).isNotEmpty(); // out of scope needs reasons and its band
        ObjectNode noRoi = o.deepCopy();
        noRoi.remove("roi");
        assertThat(problems(noRoi)).isNotEmpty();
        assertThat(problems(DetectionJson.error("a.png", "bad").put("probability", 0.5))).isNotEmpty();
    }

    @Test
    void bandAndReasonsMustAgree() {
        assertThatThrownBy(() -> detection(Band.FRACTURE, List.of("blank image (no intensity variation)"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not agree");
        assertThatThrownBy(() -> detection(Band.OUT_OF_SCOPE, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
