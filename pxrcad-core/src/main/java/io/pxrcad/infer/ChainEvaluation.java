package io.pxrcad.infer;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.DeLong;
import io.pxrcad.eval.Localisation;
import io.pxrcad.eval.PairedAucTest;

import java.util.List;

/**
 * What METHOD.md's evaluation reports for scored images: the two-stage {@code ps1*ps2} and
 * single-stage {@code ps1} scores with their metrics, the paired DeLong test between them, and
 * the pooled localisation and type results.
 */
public record ChainEvaluation(BinaryScores twoStage, BinaryScores singleStage, BinaryMetrics twoStageMetrics,
                              BinaryMetrics singleStageMetrics, PairedAucTest twoStageVsSingle, Localisation localisation) {
    /**
     * @param what names the images for the error when they hold one class only
     *             (e.g. {@code "evaluation of test.csv (split test)"})
     */
    public static ChainEvaluation of(List<DetectionScoring.Scored> scored, String what) {
        int n = scored.size();
        int[] labels = new int[n];
        double[] two = new double[n], one = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = scored.get(i).entry().label();
            two[i] = scored.get(i).detection().probability();
            one[i] = scored.get(i).detection().stage1();
        }
        BinaryScores twoStage = BinaryScores.of(two, labels), singleStage = BinaryScores.of(one, labels);
        twoStage.requireBothClasses(what);
        return new ChainEvaluation(twoStage, singleStage, BinaryMetrics.of(twoStage), BinaryMetrics.of(singleStage),
                DeLong.compare(twoStage, singleStage), DetectionScoring.summarise(scored));
    }
}
