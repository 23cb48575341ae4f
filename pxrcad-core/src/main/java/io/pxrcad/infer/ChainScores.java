package io.pxrcad.infer;

import io.pxrcad.FractureType;
import io.pxrcad.image.InputBox;
import io.pxrcad.image.MapCell;

/**
 * The chained scores of one image (METHOD.md "Chained inference"): stage 1's outputs, the chosen
 * map cell and its ROI in model-input pixels, and stage 2's outputs on it. The cell is the map's
 * argmax (METHOD.md), or with {@code chainRois} above 1 the highest cell whose {@code p * ps2} is largest.
 *
 * @param cell   the map cell whose ROI stage 2 classified
 * @param pelvic stage 2's P(pelvic) on the ROI, or null when the network has no type output
 */
public record ChainScores(StageOneOutput stage1, MapCell cell, InputBox roi, float ps2, Float pelvic) {
    /**
     * {@code p[cell] * ps2} in double precision, the score thresholds are chosen on and applied to:
     * {@code ps1 * ps2} when the cell is the argmax.
     */
    public double probability() { return (double) stage1.map().get(cell) * ps2; }

    /** Hip when {@code P(pelvic) < 0.5}; null without a type output. */
    public FractureType type() {
        return pelvic == null ? null : pelvic >= 0.5f ? FractureType.PELVIC : FractureType.HIP;
    }

    /** Probability of {@link #type()}; NaN without a type output. */
    public double typeProbability() {
        return pelvic == null ? Double.NaN : pelvic >= 0.5f ? pelvic : 1 - pelvic;
    }
}
