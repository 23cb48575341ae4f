package io.pxrcad.train;

import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.OperatingPoint;
import io.pxrcad.artifact.ArtifactInfo;

/**
 * The two operating thresholds an artifact stores, chosen on validation scores: {@code suspicious}
 * (95% recall) and {@code fracture} (95% specificity). Both NaN when validation has one class.
 */
record OperatingThresholds(double suspicious, double fracture) {
    static OperatingThresholds onValidation(float[] scores, int[] labels) {
        return of(BinaryScores.of(scores, labels));
    }

    static OperatingThresholds onValidation(double[] scores, int[] labels) {
        return of(BinaryScores.of(scores, labels));
    }

    private static OperatingThresholds of(BinaryScores data) {
        if (data.positives() == 0 || data.negatives() == 0) {
            return new OperatingThresholds(Double.NaN, Double.NaN);
        }
        return new OperatingThresholds(OperatingPoint.atRecall(data, 0.95).threshold(),
                OperatingPoint.atSpecificity(data, 0.95).threshold());
    }

    /** For the artifact: unknown (null) when NaN, and within [0,1] (an infinite threshold is 1). */
    ArtifactInfo.Thresholds forArtifact() {
        return new ArtifactInfo.Thresholds(clamp(suspicious), clamp(fracture));
    }

    private static Double clamp(double t) {
        return Double.isNaN(t) ? null : Double.isInfinite(t) ? Double.valueOf(1.0) : Math.max(0, Math.min(1, t));
    }
}
