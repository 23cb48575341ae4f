package io.pxrcad.train;

import java.util.Arrays;

/**
 * The two operating thresholds stored with a model, chosen on validation data: {@code suspicious}
 * is the highest threshold whose recall is >= 95% (METHOD.md's S@R95 point), {@code fracture}
 * the lowest threshold whose specificity is >= 95% (the R@S95 point). A score {@code >= t} is
 * called positive at threshold {@code t}.
 */
final class OperatingThresholds {
    private OperatingThresholds() {}

    /** Highest t (a score value) such that recall of {@code score >= t} is >= target. */
    static double atRecall(float[] scores, int[] labels, double target) {
        float[] pos = select(scores, labels, 1);
        if (pos.length == 0) return Double.NaN;
        Arrays.sort(pos);
        // keeping the k highest positives reaches recall k/n: smallest k with k/n >= target
        int k = (int) Math.ceil(target * pos.length - 1e-9);
        k = Math.max(1, Math.min(pos.length, k));
        return pos[pos.length - k];
    }

    /** Lowest t (a score value, or just above the maximum) such that specificity of {@code score >= t} is >= target. */
    static double atSpecificity(float[] scores, int[] labels, double target) {
        float[] neg = select(scores, labels, 0);
        if (neg.length == 0) return Double.NaN;
        Arrays.sort(neg);
        // negatives below t are true negatives: need at least m = ceil(target * n) of them
        int m = (int) Math.ceil(target * neg.length - 1e-9);
        if (m <= 0) return 0;
        // t just above the m-th lowest negative (0-based m-1): all of the m lowest are then below t
        return Math.nextUp(neg[m - 1]);
    }

    private static float[] select(float[] scores, int[] labels, int label) {
        int c = 0;
        for (int l : labels) if (l == label) c++;
        float[] out = new float[c];
        int j = 0;
        for (int i = 0; i < scores.length; i++) if (labels[i] == label) out[j++] = scores[i];
        return out;
    }
}
