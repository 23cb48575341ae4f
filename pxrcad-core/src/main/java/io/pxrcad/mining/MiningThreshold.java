package io.pxrcad.mining;

import java.util.Arrays;

/**
 * The mining threshold {@code p_hat} of METHOD.md "ROI mining": the stage-1 classifier
 * {@code ps1 > p_hat} must reach the target sensitivity (default 99%) on the positive
 * training images.
 *
 * <p>Precisely: with {@code n} positives and {@code m = ceil(sensitivity * n)}, let {@code v}
 * be the m-th largest {@code ps1}. Every {@code t < v} keeps at least m positives above it and
 * every {@code t >= v} keeps fewer, so {@code p_hat} is the largest float below {@code v}
 * ({@code Math.nextDown(v)}). Ties: positives whose score equals {@code v} all stay above
 * {@code p_hat}, so the reached sensitivity can exceed the target. A single positive gives
 * {@code p_hat} just below its score. The result is a float so that {@code p > p_hat} on
 * float map values is exact.
 */
public final class MiningThreshold {
    /** Sensitivity on the positive training images of METHOD.md. */
    public static final double DEFAULT_SENSITIVITY = 0.99;

    private MiningThreshold() {}

    /** {@link #of(float[], double)} at 99% sensitivity. */
    public static float of(float[] positiveScores) {
        return of(positiveScores, DEFAULT_SENSITIVITY);
    }

    /**
     * @param positiveScores {@code ps1} of every positive training image, each in [0,1]
     * @param sensitivity target share of positives with {@code ps1 > p_hat}, in (0,1]
     * @return {@code p_hat}, the largest float threshold reaching the target sensitivity
     * @throws IllegalArgumentException when there are no positives or a score is outside [0,1]
     */
    public static float of(float[] positiveScores, double sensitivity) {
        if (!(sensitivity > 0 && sensitivity <= 1)) {
            throw new IllegalArgumentException("sensitivity must be in (0,1] but was " + sensitivity);
        }
        int n = positiveScores.length;
        if (n == 0) {
            throw new IllegalArgumentException(
                    "cannot choose the mining threshold: expected at least one positive training image but got none");
        }
        float[] sorted = positiveScores.clone();
        for (int k = 0; k < n; k++) {
            if (!(sorted[k] >= 0f && sorted[k] <= 1f)) {
                throw new IllegalArgumentException("ps1 must be in [0,1] but positive " + k + " had " + sorted[k]);
            }
        }
        Arrays.sort(sorted);
        int m = requiredPositives(n, sensitivity);
        return Math.nextDown(sorted[n - m]);
    }

    /** {@code ceil(sensitivity * n)}, guarded against rounding (0.99 * 100 must give 99, not 100). */
    static int requiredPositives(int n, double sensitivity) {
        int m = (int) Math.ceil(sensitivity * n - 1e-9);
        return Math.max(1, Math.min(n, m));
    }
}
