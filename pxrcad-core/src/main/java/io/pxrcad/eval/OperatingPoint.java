package io.pxrcad.eval;

/**
 * A point of the ROC curve chosen by a target, with the threshold that reaches it. The
 * threshold is one of the scores ({@code +Infinity} only if no score reaches the target).
 */
public record OperatingPoint(double threshold, double sensitivity, double specificity, double precision) {

    /**
     * METHOD.md's recall operating point: the highest threshold whose recall is {@code >= target}
     * (S@R95 is its specificity and P@R95 its precision for target 0.95).
     */
    public static OperatingPoint atRecall(BinaryScores data, double target) {
        checkTarget(target);
        data.requireBothClasses("recall operating point");
        ThresholdCounts c = ThresholdCounts.of(data);
        double p = data.positives();
        for (int k = 0; k < c.length(); k++) { // thresholds decreasing: first hit is the highest
            if (c.tps()[k] / p >= target) return point(c, k, data);
        }
        throw new IllegalStateException("recall 1 is always reached at the lowest score");
    }

    /**
     * METHOD.md's specificity operating point: the lowest threshold whose specificity is
     * {@code >= target} (R@S95 is its recall for target 0.95).
     */
    public static OperatingPoint atSpecificity(BinaryScores data, double target) {
        checkTarget(target);
        data.requireBothClasses("specificity operating point");
        ThresholdCounts c = ThresholdCounts.of(data);
        double n = data.negatives();
        for (int k = c.length() - 1; k >= 0; k--) { // from the lowest threshold up
            if (1 - c.fps()[k] / n >= target) return point(c, k, data);
        }
        return new OperatingPoint(Double.POSITIVE_INFINITY, 0, 1, 0);
    }

    private static OperatingPoint point(ThresholdCounts c, int k, BinaryScores data) {
        long tp = c.tps()[k];
        long fp = c.fps()[k];
        return new OperatingPoint(c.thresholds()[k], tp / (double) data.positives(),
                1 - fp / (double) data.negatives(), tp + fp == 0 ? 0 : tp / (double) (tp + fp));
    }

    private static void checkTarget(double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target must be in (0,1] but was " + target);
        }
    }
}
