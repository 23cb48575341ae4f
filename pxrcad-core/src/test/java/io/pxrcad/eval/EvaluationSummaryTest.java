package io.pxrcad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The form of evaluate's {@code metrics.json}. */
class EvaluationSummaryTest {
    @Test
    void metricsJsonHasEveryKeyInOrderWithUnknownThresholdsAsNull() throws Exception {
        BinaryScores two = BinaryScores.of(new double[]{0.9, 0.2, 0.6, 0.4}, new int[]{1, 0, 1, 0});
        BinaryScores one = BinaryScores.of(new double[]{0.3, 0.2, 0.6, 0.4}, new int[]{1, 0, 1, 0});
        String json = new EvaluationSummary("run/model", "two-stage", "m.csv", "test", 4, List.of("x.png: unreadable"),
                BinaryMetrics.of(two), BinaryMetrics.of(one), DeLong.compare(two, one),
                new Localisation(Share.of(1, 2), Share.of(0, 0), Share.of(2, 2)), null, 0.25).toJson();
        assertThat(json).endsWith("}\n");
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "method", "manifest", "split", "images", "skipped_unreadable",
                "two_stage", "single_stage", "delong_two_stage_vs_single_stage", "roi_label_accuracy",
                "heatmap_max_in_box", "type_accuracy", "thresholds");
        assertThat(root.get("two_stage").get("auc").asDouble()).isEqualTo(1.0);
        assertThat(root.get("single_stage").get("auc").asDouble()).isEqualTo(0.75);
        assertThat(root.get("delong_two_stage_vs_single_stage").get("auc_difference").asDouble()).isEqualTo(0.25);
        assertThat(root.get("skipped_unreadable").get(0).asText()).isEqualTo("x.png: unreadable");
        assertThat(root.get("heatmap_max_in_box").get("total").asInt()).isZero();
        assertThat(root.get("thresholds").get("suspicious").isNull()).isTrue();
        assertThat(root.get("thresholds").get("fracture").asDouble()).isEqualTo(0.25);
    }
}
