package io.pxrcad.train;

import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.RocCurve;

/** Validation AUC for checkpoint selection; NaN (not an error) when validation has one class. */
final class Auc {
    private Auc() {}

    static double of(float[] scores, int[] labels) {
        return of(BinaryScores.of(scores, labels));
    }

    static double of(double[] scores, int[] labels) {
        return of(BinaryScores.of(scores, labels));
    }

    private static double of(BinaryScores data) {
        if (data.positives() == 0 || data.negatives() == 0) {
            return Double.NaN;
        }
        return RocCurve.of(data).auc();
    }
}
