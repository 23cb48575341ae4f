package io.pxrcad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {
    private static final BinaryScores A = BinaryScores.of(new double[]{0.1, 0.4, 0.35, 0.8}, new int[]{0, 0, 1, 1});
    private static final BinaryScores B = BinaryScores.of(new double[]{0.2, 0.9, 0.6, 0.7, 0.3}, new int[]{0, 1, 1, 0, 0});

    @Test
    void meanAndSampleSd() {
        MeanSd m = MeanSd.of(0.9, 0.8, 1.0);
        assertThat(m.mean()).isCloseTo(0.9, within(1e-12));
        assertThat(m.sd()).isCloseTo(0.1, within(1e-12));
        assertThat(m.format(3)).isEqualTo("0.900 ± 0.100");
        assertThat(MeanSd.of(0.5).sd()).isNaN();
    }

    @Test
    void foldsAndPooled() {
        FoldSummary s = FoldSummary.of(List.of(A, B));
        assertThat(s.folds()).hasSize(2);
        assertThat(s.folds().get(0).auc()).isCloseTo(0.75, within(1e-12));
        assertThat(s.folds().get(1).auc()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(s.auc().mean()).isCloseTo((0.75 + 5.0 / 6) / 2, within(1e-12));
        assertThat(s.pooled().n()).isEqualTo(9);
        assertThat(s.pooled().auc()).isCloseTo(RocCurve.of(FoldSummary.pool(List.of(A, B))).auc(), within(1e-15));
    }

    @Test
    void jsonHasTheSnakeCaseKeysAndRoundTrips() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BinaryMetrics m = BinaryMetrics.of(B);
        JsonNode tree = json.valueToTree(m);
        for (String key : List.of("auc", "auc_ci95", "delong_variance", "s_at_r95", "r_at_s95", "p_at_r95",
                "average_precision", "brier", "ece", "threshold_r95", "threshold_s95")) {
            assertThat(tree.has(key)).as(key).isTrue();
        }
        assertThat(tree.get("auc_ci95").size()).isEqualTo(2);
        assertThat(json.readValue(json.writeValueAsString(m), BinaryMetrics.class)).isEqualTo(m);
        FoldSummary s = FoldSummary.of(List.of(A, B));
        assertThat(json.readValue(json.writeValueAsString(s), FoldSummary.class)).isEqualTo(s);
    }

    @Test
    void infiniteThresholdAndSingleFoldSdSurviveJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // Every negative outscores a positive: no finite threshold reaches 95% specificity.
        BinaryScores hard = BinaryScores.of(new double[]{0.9, 0.5, 0.8, 0.3}, new int[]{0, 1, 0, 1});
        BinaryMetrics m = BinaryMetrics.of(hard);
        assertThat(m.thresholdS95()).isInfinite();
        assertThat(m.rAtS95()).isZero();
        assertThat(json.valueToTree(m).get("threshold_s95").isNull()).as("JSON has no Infinity").isTrue();
        assertThat(json.readValue(json.writeValueAsString(m), BinaryMetrics.class)).isEqualTo(m);
        FoldSummary one = FoldSummary.of(List.of(hard));
        assertThat(one.auc().sd()).isNaN();
        assertThat(json.readValue(json.writeValueAsString(one), FoldSummary.class)).isEqualTo(one);
    }

    @Test
    void logitsHaveNoCalibrationMetrics() {
        BinaryMetrics m = BinaryMetrics.of(BinaryScores.of(new double[]{-3, 2, 0.5, -1}, new int[]{0, 1, 1, 0}));
        assertThat(m.brier()).isNull();
        assertThat(m.ece()).isNull();
        assertThat(m.auc()).isEqualTo(1.0);
    }
}
