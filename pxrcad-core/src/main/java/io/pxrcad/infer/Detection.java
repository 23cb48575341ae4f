package io.pxrcad.infer;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.mining.ProbabilityMap;

import java.util.List;

/**
 * The chained two-stage result for one radiograph (METHOD.md "Chained inference").
 *
 * @param probability     final fracture probability {@code ps1 * ps2}
 * @param stage1          {@code ps1 = max p}
 * @param stage2          {@code ps2}, the ROI classifier's probability on the ROI at the argmax
 * @param band            reading band against the model's operating thresholds; {@link Band#OUT_OF_SCOPE}
 *                        when the image is not in scope (the probability is still given)
 * @param type            the stage-2 type output on the same ROI (hip when P(pelvic) < 0.5)
 * @param typeProbability probability of the reported type
 * @param roi             the ROI in original-image pixels
 * @param cell            the argmax cell of the map
 * @param map             the stage-1 probability map {@code (h, w)}, values in [0,1]
 * @param width           original image width
 * @param height          original image height
 * @param scopeReasons    why the image is not one the model was made for, in short phrases such as
 *                        {@code modality MR (expected CR, DX or RF)}; empty when it is in scope
 * @param featureDistance distance of the image's stage-1 features from the training images' (see
 *                        {@link io.pxrcad.artifact.FeatureStatistics}); null when the model keeps no
 *                        feature statistics (saved before they existed), so that scope was judged
 *                        from the file's header and the blank-image check only
 */
public record Detection(double probability, double stage1, double stage2, Band band, FractureType type,
                        double typeProbability, PixelBox roi, MapCell cell, ProbabilityMap map, int width, int height,
                        List<String> scopeReasons, Double featureDistance) {
    public Detection {
        scopeReasons = List.copyOf(scopeReasons);
        if (scopeReasons.isEmpty() == (band == Band.OUT_OF_SCOPE)) {
            throw new IllegalArgumentException("band " + band.label() + " does not agree with scope reasons " + scopeReasons);
        }
    }

    /** True when the image is one the model was made for (no scope reason). */
    public boolean inScope() { return scopeReasons.isEmpty(); }
}
