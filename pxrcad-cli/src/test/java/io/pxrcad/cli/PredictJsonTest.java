package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
import io.pxrcad.mining.ProbabilityMap;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON line of {@code pxrcad predict}: scope fields beside the scores. */
class PredictJsonTest {
    static Detection detection(Band band, List<String> reasons, Double distance) {
        return new Detection(0.5, 0.8, 0.625, band, FractureType.HIP, 0.9, new PixelBox(1, 2, 30, 40), new MapCell(0, 1),
                new ProbabilityMap(1, 2, new float[] {0.1f, 0.8f}), 64, 64, reasons, distance);
    }

    @Test
    void anOutOfScopeImageSaysWhyAndKeepsItsProbability() {
        JsonNode o = PredictCommand.json(Path.of("chest.dcm"), detection(Band.OUT_OF_SCOPE,
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
        JsonNode o = PredictCommand.json(Path.of("pelvis.png"), detection(Band.SUSPICIOUS, List.of(), null));
        assertThat(o.get("band").asText()).isEqualTo("suspicious");
        assertThat(o.get("inScope").asBoolean()).isTrue();
        assertThat(o.get("scopeReasons").isArray()).isTrue();
        assertThat(o.get("scopeReasons")).isEmpty();
        assertThat(o.get("featureDistance").isNull()).isTrue();
    }

    @Test
    void bandAndReasonsMustAgree() {
        assertThatThrownBy(() -> detection(Band.FRACTURE, List.of("blank image (no intensity variation)"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not agree");
        assertThatThrownBy(() -> detection(Band.OUT_OF_SCOPE, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
