package io.pxrcad.mining;

import io.pxrcad.FractureType;

/**
 * A training image as ROI mining sees it: its cached stage-1 map and its image-level labels.
 *
 * @param map the stage-1 probability map, computed once after stage 1 (METHOD.md)
 * @param positive the image-level fracture label
 * @param type the fracture type of a positive image (null when unknown); must be null for negatives
 */
public record TrainingMap(ProbabilityMap map, boolean positive, FractureType type) {
    public TrainingMap {
        if (map == null) {
            throw new IllegalArgumentException("map is required");
        }
        if (!positive && type != null) {
            throw new IllegalArgumentException("a negative image has no fracture type but got " + type);
        }
    }
}
