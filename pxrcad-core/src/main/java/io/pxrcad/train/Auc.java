package io.pxrcad.train;

/**
 * Validation AUC for checkpoint selection: the Mann-Whitney statistic with ties counted half
 * (equal to the trapezoidal ROC area). NaN when validation has only one class.
 */
final class Auc {
    private Auc() {}

    static double of(float[] scores, int[] labels) {
        long pos = 0, neg = 0;
        for (int l : labels) {
            if (l == 1) pos++; else neg++;
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) continue;
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 1) continue;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return wins / ((double) pos * neg);
    }
}
