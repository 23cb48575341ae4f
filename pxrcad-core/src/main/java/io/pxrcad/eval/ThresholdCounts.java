package io.pxrcad.eval;

/**
 * Cumulative true/false positive counts at every distinct score, highest first: scikit-learn's
 * {@code _binary_clf_curve}. {@code tps[k]} and {@code fps[k]} count the images with
 * {@code score >= thresholds[k]}.
 */
record ThresholdCounts(double[] thresholds, long[] tps, long[] fps) {

    static ThresholdCounts of(BinaryScores data) {
        int n = data.size();
        if (n == 0) throw new InvalidScoresException("expected at least one score but got none");
        int[] order = data.descendingOrder();
        double[] s = data.scoresView();
        int[] y = data.labelsView();
        int distinct = 1;
        for (int k = 1; k < n; k++) {
            if (s[order[k]] != s[order[k - 1]]) distinct++;
        }
        double[] thr = new double[distinct];
        long[] tps = new long[distinct];
        long[] fps = new long[distinct];
        long tp = 0;
        int j = 0;
        for (int k = 0; k < n; k++) {
            tp += y[order[k]];
            boolean lastOfTie = k == n - 1 || s[order[k + 1]] != s[order[k]];
            if (lastOfTie) {
                thr[j] = s[order[k]];
                tps[j] = tp;
                fps[j] = k + 1 - tp;
                j++;
            }
        }
        return new ThresholdCounts(thr, tps, fps);
    }

    int length() { return thresholds.length; }
}
