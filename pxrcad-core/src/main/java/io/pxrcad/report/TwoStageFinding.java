package io.pxrcad.report;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.Localisation;
import io.pxrcad.infer.ChainEvaluation;

import java.util.Locale;

/**
 * The paper's claim put to one test set in plain words: did the chained two-stage score beat the
 * single-stage one, by how much, and is the difference more than chance (paired DeLong, two-sided,
 * 0.05)? Said as it came out, including when it did not; and where the chain pointed.
 */
public final class TwoStageFinding {
    /** The significance level of the sentence. */
    public static final double ALPHA = 0.05;

    private TwoStageFinding() {}

    /** One sentence on the AUCs and the paired test of {@code ev} over {@code n} test images. */
    public static String claim(ChainEvaluation ev) {
        BinaryMetrics two = ev.twoStageMetrics(), one = ev.singleStageMetrics();
        double p = ev.twoStageVsSingle().pValue();
        int n = ev.twoStage().size();
        String figures = String.format(Locale.ROOT, "test AUC %.3f two-stage vs %.3f single-stage on %d images, paired DeLong p = %.3g",
                two.auc(), one.auc(), n, p);
        if (two.auc() > one.auc() && p < ALPHA) {
            return "The two-stage method beat the single-stage one (" + figures + ").";
        }
        if (two.auc() > one.auc()) {
            return "The two-stage method scored higher, but the difference is within chance on this test set (" + figures + ").";
        }
        return "The two-stage method did not beat the single-stage one here (" + figures + ").";
    }

    /** Where the chain pointed on the positives: the ROI and the heatmap maximum in a true box. */
    public static String localisation(ChainEvaluation ev) {
        Localisation l = ev.localisation();
        return "On the fractured test images the ROI stage 2 classified lay in a true fracture box for "
                + l.roiLabelAccuracy().format() + " and the heatmap maximum for " + l.heatmapMaxInBox().format() + ".";
    }
}
