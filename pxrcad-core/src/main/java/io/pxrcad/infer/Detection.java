package io.pxrcad.infer;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.image.MapCell;
import io.pxrcad.mining.ProbabilityMap;

/**
 * The chained two-stage result for one radiograph (METHOD.md "Chained inference").
 *
 * @param probability     final fracture probability {@code ps1 * ps2}
 * @param stage1          {@code ps1 = max p}
 * @param stage2          {@code ps2}, the ROI classifier's probability on the ROI at the argmax
 * @param band            reading band against the model's operating thresholds
 * @param type            the stage-2 type output on the same ROI (hip when P(pelvic) < 0.5)
 * @param typeProbability probability of the reported type
 * @param roi             the ROI in original-image pixels
 * @param cell            the argmax cell of the map
 * @param map             the stage-1 probability map {@code (h, w)}, values in [0,1]
 * @param width           original image width
 * @param height          original image height
 */
public record Detection(double probability, double stage1, double stage2, Band band, FractureType type,
                        double typeProbability, PixelBox roi, MapCell cell, ProbabilityMap map, int width, int height) {}
