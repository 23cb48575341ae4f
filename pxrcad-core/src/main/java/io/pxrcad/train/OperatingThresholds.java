package io.pxrcad.train;

import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.OperatingPoint;
import io.pxrcad.artifact.ArtifactInfo;

/**
 * The two operating thresholds an artifact stores, chosen on validation scores: {@code suspicious}
 * (95% recall) and {@code fracture} (95% specificity), suspicious never above fracture. Both NaN
 * when validation has one class.
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
        double atRecall = OperatingPoint.atRecall(data, 0.95).threshold();
        double atSpecificity = OperatingPoint.atSpecificity(data, 0.95).threshold();
        // When validation (nearly) separates the classes the 95%-recall threshold lies above the
        // 95%-specificity one; every threshold between them then meets both targets, so the
        // lower is the suspicious tier (the most recall) and the higher the fracture tier.
        return new OperatingThresholds(Math.min(atRecall, atSpecificity), Math.max(atRecall, atSpecificity));
    }

    /** For the artifact: unknown (null) when NaN, and within [0,1] (an infinite threshold is 1). */
    ArtifactInfo.Thresholds forArtifact() {
        return new ArtifactInfo.Thresholds(clamp(suspicious), clamp(fracture));
    }

    private static Double clamp(double t) {
        return Double.isNaN(t) ? null : Double.isInfinite(t) ? Double.valueOf(1.0) : Math.max(0, Math.min(1, t));
    }
}
