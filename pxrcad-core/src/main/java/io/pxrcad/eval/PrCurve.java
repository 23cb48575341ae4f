package io.pxrcad.eval;

/**
 * A precision-recall curve with scikit-learn's {@code precision_recall_curve} conventions:
 * thresholds increasing (one per distinct score), precision and recall one longer, ending with
 * the point (precision 1, recall 0) that has no threshold. Precision is 0 where nothing is
 * predicted positive.
 *
 * @param precision {@code thresholds.length + 1} values in [0,1]
 * @param recall    {@code thresholds.length + 1} values, non-increasing, ending at 0
 * @param thresholds increasing distinct scores
 */
public record PrCurve(double[] precision, double[] recall, double[] thresholds) {

    public PrCurve {
        if (precision.length != recall.length || recall.length != thresholds.length + 1) {
            throw new IllegalArgumentException("expected precision and recall one longer than thresholds but got "
                    + precision.length + ", " + recall.length + " and " + thresholds.length);
        }
        precision = precision.clone();
        recall = recall.clone();
        thresholds = thresholds.clone();
    }

    /** Needs at least one positive (recall is undefined otherwise). */
    public static PrCurve of(BinaryScores data) {
        if (data.positives() == 0) {
            throw new InvalidScoresException("precision-recall curve is undefined without positives: expected at "
                    + "least one positive label but got 0 of " + data.size());
        }
        ThresholdCounts c = ThresholdCounts.of(data);
        int m = c.length();
        double[] precision = new double[m + 1];
        double[] recall = new double[m + 1];
        double[] thr = new double[m];
        double p = data.positives();
        for (int k = 0; k < m; k++) {
            int r = m - 1 - k; // reversed: increasing thresholds
            long tp = c.tps()[k];
            long predicted = tp + c.fps()[k];
            precision[r] = predicted == 0 ? 0.0 : (double) tp / predicted;
            recall[r] = tp / p;
            thr[r] = c.thresholds()[k];
        }
        precision[m] = 1.0;
        recall[m] = 0.0;
        return new PrCurve(precision, recall, thr);
    }

    /**
     * Average precision as scikit-learn defines it: {@code sum_n (R_n - R_{n-1}) P_n}, the
     * precision at each threshold weighted by the recall gained there (no interpolation).
     */
    public double averagePrecision() {
        double sum = 0;
        for (int i = 0; i < thresholds.length; i++) {
            sum += (recall[i] - recall[i + 1]) * precision[i];
        }
        return sum;
    }

    public int size() { return precision.length; }

    @Override public double[] precision() { return precision.clone(); }
    @Override public double[] recall() { return recall.clone(); }
    @Override public double[] thresholds() { return thresholds.clone(); }
}
