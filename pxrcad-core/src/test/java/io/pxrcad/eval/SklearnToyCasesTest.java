package io.pxrcad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The binary cases of scikit-learn's own ranking tests (sklearn_toy_cases.json), errors included. */
class SklearnToyCasesTest {
    private static final JsonNode TOY = Reference.read("sklearn_toy_cases.json");

    @Test
    void binaryRocAucIncludingOneClassErrors() {
        int defined = 0, errors = 0;
        for (JsonNode c : TOY.get("binaryRocAuc")) {
            BinaryScores data = BinaryScores.of(Reference.doubles(c.get("y_score")), Reference.ints(c.get("y_true")));
            if (c.get("auc").isNull()) {
                assertThatThrownBy(() -> BinaryMetrics.of(data))
                        .isInstanceOf(InvalidScoresException.class)
                        .hasMessageContaining("only one class");
                assertThatThrownBy(() -> RocCurve.of(data)).isInstanceOf(InvalidScoresException.class);
                assertThatThrownBy(() -> DeLong.estimate(data)).isInstanceOf(InvalidScoresException.class);
                errors++;
            } else {
                double expected = c.get("auc").asDouble();
                assertThat(RocCurve.of(data).auc()).as(c.toString()).isCloseTo(expected, within(1e-12));
                assertThat(RocCurve.of(data, true).auc()).isCloseTo(expected, within(1e-12));
                assertThat(DeLong.estimate(data).auc()).isCloseTo(expected, within(1e-12));
                defined++;
            }
        }
        assertThat(defined).isEqualTo(6);
        assertThat(errors).isEqualTo(2);
    }

    @Test
    void rocCurveWithPositiveLabelAndDroppedIntermediatePoints() {
        JsonNode c = TOY.get("rocCurve").get(0);
        int pos = c.get("pos_label").asInt();
        int[] raw = Reference.ints(c.get("y_true"));
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) labels[i] = raw[i] == pos ? 1 : 0;
        RocCurve roc = RocCurve.of(BinaryScores.of(Reference.doubles(c.get("y_score")), labels), true);
        assertThat(roc.thresholds()).containsExactly(Reference.doubles(c.get("thresholds")));
        assertThat(roc.fpr()).containsExactly(Reference.doubles(c.get("fpr")));
        assertThat(roc.tpr()).containsExactly(Reference.doubles(c.get("tpr")));
    }

    @Test
    void detCurvePointsAreTheRocPointsBelowFullRecall() {
        // det_curve's points are (1 - specificity, 1 - sensitivity) at its thresholds.
        JsonNode c = TOY.get("detCurve").get(0);
        BinaryScores data = BinaryScores.of(Reference.doubles(c.get("y_score")), Reference.ints(c.get("y_true")));
        double[] thr = Reference.doubles(c.get("thresholds"));
        double[] fpr = Reference.doubles(c.get("fpr"));
        double[] fnr = Reference.doubles(c.get("fnr"));
        for (int i = 0; i < thr.length; i++) {
            ConfusionCounts cc = ConfusionCounts.at(data, thr[i]);
            assertThat(1 - cc.specificity()).isCloseTo(fpr[i], within(1e-12));
            assertThat(1 - cc.sensitivity()).isCloseTo(fnr[i], within(1e-12));
        }
    }

    @Test
    void averagePrecision() {
        JsonNode c = TOY.get("averagePrecision").get(0);
        BinaryScores data = BinaryScores.of(Reference.doubles(c.get("y_score")), Reference.ints(c.get("y_true")));
        assertThat(PrCurve.of(data).averagePrecision()).isCloseTo(c.get("ap").asDouble(), within(1e-12));
    }

    @Test
    void trapezoidAreaIncludingNonMonotonicError() {
        int checked = 0;
        for (JsonNode c : TOY.get("trapezoidAuc")) {
            double[] x = Reference.doubles(c.get("x"));
            double[] y = Reference.doubles(c.get("y"));
            if (c.get("auc").isNull()) {
                assertThatThrownBy(() -> Trapezoid.area(x, y))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("monotonic");
            } else {
                assertThat(Trapezoid.area(x, y)).isCloseTo(c.get("auc").asDouble(), within(1e-12));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(6);
    }
}
