package io.pxrcad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every value of metrics_sklearn.json (scikit-learn 1.9 and a numpy DeLong) to 1e-9. */
class SklearnReferenceTest {
    private static final double TOL = 1e-9;

    @TestFactory
    List<DynamicTest> matchesEveryReferenceCase() {
        JsonNode cases = Reference.read("metrics_sklearn.json").get("cases");
        assertThat(cases.size()).isEqualTo(5);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests;
    }

    private static void check(JsonNode c) {
        BinaryScores data = BinaryScores.of(Reference.doubles(c.get("scores")), Reference.ints(c.get("labels")));

        RocCurve roc = RocCurve.of(data);
        assertArray(roc.thresholds(), Reference.doubles(c.get("roc").get("thresholds")), "roc thresholds");
        assertArray(roc.fpr(), Reference.doubles(c.get("roc").get("fpr")), "fpr");
        assertArray(roc.tpr(), Reference.doubles(c.get("roc").get("tpr")), "tpr");
        assertThat(roc.auc()).isCloseTo(c.get("auc").asDouble(), within(TOL));

        PrCurve pr = PrCurve.of(data);
        assertArray(pr.precision(), Reference.doubles(c.get("pr").get("precision")), "precision");
        assertArray(pr.recall(), Reference.doubles(c.get("pr").get("recall")), "recall");
        assertArray(pr.thresholds(), Reference.doubles(c.get("pr").get("thresholds")), "pr thresholds");
        assertThat(pr.averagePrecision()).isCloseTo(c.get("average_precision").asDouble(), within(TOL));

        AucEstimate delong = DeLong.estimate(data);
        assertThat(delong.auc()).isCloseTo(c.get("auc").asDouble(), within(TOL));
        assertThat(delong.variance()).isCloseTo(c.get("delong_variance").asDouble(), within(TOL));
        assertThat(delong.ciLow()).isCloseTo(c.get("auc_ci95").get(0).asDouble(), within(TOL));
        assertThat(delong.ciHigh()).isCloseTo(c.get("auc_ci95").get(1).asDouble(), within(TOL));

        BinaryMetrics m = BinaryMetrics.of(data);
        assertThat(m.auc()).isCloseTo(c.get("auc").asDouble(), within(TOL));
        assertThat(m.delongVariance()).isCloseTo(c.get("delong_variance").asDouble(), within(TOL));
        assertThat(m.averagePrecision()).isCloseTo(c.get("average_precision").asDouble(), within(TOL));
        assertThat(m.sAtR95()).isCloseTo(c.get("s_at_r95").asDouble(), within(TOL));
        assertThat(m.rAtS95()).isCloseTo(c.get("r_at_s95").asDouble(), within(TOL));
        assertThat(m.pAtR95()).isCloseTo(c.get("p_at_r95").asDouble(), within(TOL));
        assertThat(m.thresholdR95()).isCloseTo(c.get("threshold_r95").asDouble(), within(TOL));
        assertThat(m.thresholdS95()).isCloseTo(c.get("threshold_s95").asDouble(), within(TOL));
        assertThat(m.aucCiLow()).isCloseTo(c.get("auc_ci95").get(0).asDouble(), within(TOL));
        assertThat(m.aucCiHigh()).isCloseTo(c.get("auc_ci95").get(1).asDouble(), within(TOL));

        // The operating points are points of the ROC curve at their thresholds.
        ConfusionCounts atR95 = ConfusionCounts.at(data, m.thresholdR95());
        assertThat(atR95.sensitivity()).isGreaterThanOrEqualTo(0.95);
        assertThat(atR95.specificity()).isCloseTo(m.sAtR95(), within(TOL));
        assertThat(atR95.precision()).isCloseTo(m.pAtR95(), within(TOL));
        assertThat(ConfusionCounts.at(data, m.thresholdS95()).specificity()).isGreaterThanOrEqualTo(0.95);
    }

    private static void assertArray(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isInfinite(expected[i])) {
                assertThat(actual[i]).as(what + "[" + i + "]").isEqualTo(expected[i]);
            } else {
                assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i], within(TOL));
            }
        }
    }
}
