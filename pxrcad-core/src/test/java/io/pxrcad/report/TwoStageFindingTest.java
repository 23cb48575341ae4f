package io.pxrcad.report;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.Localisation;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.infer.ChainEvaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwoStageFindingTest {
    private static final int[] LABELS = {0, 0, 1, 1};
    private static final BinaryScores PERFECT = BinaryScores.of(new double[] {0.1, 0.2, 0.8, 0.9}, LABELS);
    private static final BinaryScores HALF = BinaryScores.of(new double[] {0.1, 0.85, 0.8, 0.9}, LABELS);

    private static ChainEvaluation ev(BinaryScores two, BinaryScores one, double p) {
        BinaryMetrics m2 = BinaryMetrics.of(two), m1 = BinaryMetrics.of(one);
        return new ChainEvaluation(two, one, m2, m1, new PairedAucTest(m2.auc(), m1.auc(), m2.auc() - m1.auc(), 0.01, 1, p),
                Localisation.of(List.of(true, false), List.of(true, true), List.of()));
    }

    @Test
    void saysWhetherTheTwoStageMethodWonAndWhetherItIsMoreThanChance() {
        assertThat(TwoStageFinding.claim(ev(PERFECT, HALF, 0.01)))
                .startsWith("The two-stage method beat the single-stage one (test AUC 1.000 two-stage vs 0.750 single-stage on 4 images")
                .contains("p = 0.0100");
        assertThat(TwoStageFinding.claim(ev(PERFECT, HALF, 0.2))).startsWith("The two-stage method scored higher, but the difference is within chance");
        assertThat(TwoStageFinding.claim(ev(HALF, PERFECT, 0.01))).startsWith("The two-stage method did not beat the single-stage one here");
        assertThat(TwoStageFinding.claim(ev(PERFECT, PERFECT, 1))).startsWith("The two-stage method did not beat");
    }

    @Test
    void reportsWhereTheChainPointed() {
        assertThat(TwoStageFinding.localisation(ev(PERFECT, HALF, 0.5)))
                .contains("lay in a true fracture box for 0.500 (1/2)").contains("heatmap maximum for 1.000 (2/2)");
    }
}
