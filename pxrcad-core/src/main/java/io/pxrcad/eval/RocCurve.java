package io.pxrcad.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A receiver operating characteristic curve with scikit-learn's {@code roc_curve} conventions:
 * thresholds in decreasing order, starting with {@code +Infinity} at (fpr 0, tpr 0), then one
 * point per distinct score (image positive when {@code score >= threshold}); the last point is
 * (1, 1). Arrays are copies: the record is immutable in practice.
 *
 * @param thresholds decreasing; {@code thresholds[0] == +Infinity}
 * @param fpr false positive rate in [0,1], non-decreasing
 * @param tpr true positive rate (recall) in [0,1], non-decreasing
 */
public record RocCurve(double[] thresholds, double[] fpr, double[] tpr) {

    public RocCurve {
        if (thresholds.length != fpr.length || fpr.length != tpr.length) {
            throw new IllegalArgumentException("expected equal lengths but got thresholds " + thresholds.length
                    + ", fpr " + fpr.length + ", tpr " + tpr.length);
        }
        thresholds = thresholds.clone();
        fpr = fpr.clone();
        tpr = tpr.clone();
    }

    /** Every distinct score as a threshold ({@code drop_intermediate=False}). Needs both classes. */
    public static RocCurve of(BinaryScores data) {
        return of(data, false);
    }

    /**
     * @param dropIntermediate drop points that are collinear on a horizontal or vertical segment
     *                         (scikit-learn's default {@code drop_intermediate=True}); AUC unchanged
     */
    public static RocCurve of(BinaryScores data, boolean dropIntermediate) {
        data.requireBothClasses("ROC curve");
        ThresholdCounts c = ThresholdCounts.of(data);
        int m = c.length();
        List<Integer> keep = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            boolean corner = !dropIntermediate || k == 0 || k == m - 1
                    || (c.fps()[k + 1] - 2 * c.fps()[k] + c.fps()[k - 1]) != 0
                    || (c.tps()[k + 1] - 2 * c.tps()[k] + c.tps()[k - 1]) != 0;
            if (corner) keep.add(k);
        }
        int len = keep.size() + 1;
        double[] thr = new double[len];
        double[] fpr = new double[len];
        double[] tpr = new double[len];
        thr[0] = Double.POSITIVE_INFINITY;
        double p = data.positives();
        double n = data.negatives();
        for (int i = 1; i < len; i++) {
            int k = keep.get(i - 1);
            thr[i] = c.thresholds()[k];
            fpr[i] = c.fps()[k] / n;
            tpr[i] = c.tps()[k] / p;
        }
        return new RocCurve(thr, fpr, tpr);
    }

    /** Area under this curve by the trapezoidal rule (ties count one half, as in scikit-learn). */
    public double auc() {
        return Trapezoid.area(fpr, tpr);
    }

    public int size() { return thresholds.length; }

    @Override public double[] thresholds() { return thresholds.clone(); }
    @Override public double[] fpr() { return fpr.clone(); }
    @Override public double[] tpr() { return tpr.clone(); }
}
