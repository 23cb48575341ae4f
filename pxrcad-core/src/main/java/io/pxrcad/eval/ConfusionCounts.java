package io.pxrcad.eval;

/**
 * Counts of a binary decision at one threshold (positive when {@code score >= threshold}).
 * Rates whose denominator is 0 are {@code NaN}, except precision, which is 0 when nothing is
 * predicted positive (scikit-learn's convention, as on the precision-recall curve).
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) {
    public ConfusionCounts {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("counts must be >= 0 but were tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
        }
    }

    /** The decision {@code score >= threshold} applied to every image. */
    public static ConfusionCounts at(BinaryScores data, double threshold) {
        long tp = 0, fp = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.score(i) >= threshold) {
                if (data.label(i) == 1) tp++;
                else fp++;
            }
        }
        return new ConfusionCounts(tp, fp, data.negatives() - fp, data.positives() - tp);
    }

    public long total() { return tp + fp + tn + fn; }

    /** Recall, true positive rate: tp / (tp + fn). */
    public double sensitivity() { return ratio(tp, tp + fn); }

    /** True negative rate: tn / (tn + fp). */
    public double specificity() { return ratio(tn, tn + fp); }

    /** Positive predictive value: tp / (tp + fp), 0 when nothing is predicted positive. */
    public double precision() { return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp); }

    public double accuracy() { return ratio(tp + tn, total()); }

    private static double ratio(long a, long b) { return b == 0 ? Double.NaN : (double) a / b; }
}
