package io.pxrcad.infer;

import io.pxrcad.mining.ProbabilityMap;

/**
 * Stage 1's outputs for one image.
 *
 * @param lse      the LSE-pooled image probability (what stage 1 is trained on)
 * @param map      the probability map {@code p}, values in [0,1]
 * @param features the pooled backbone features (for the out-of-scope check)
 */
public record StageOneOutput(float lse, ProbabilityMap map, float[] features) {
    /** {@code ps1 = max p} (METHOD.md). */
    public float ps1() { return map.max(); }
}
