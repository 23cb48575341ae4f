package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import io.pxrcad.FractureType;
import io.pxrcad.image.InputBox;

/**
 * One stage-2 training sample: a square ROI of a training image.
 *
 * @param imageIndex index of the image in the list given to {@link RoiSampler#sample}
 * @param cell the map cell the ROI is centred on
 * @param box the ROI in model-input pixels (see {@link RoiGeometry})
 * @param kind how it was drawn
 * @param label fracture label, {@code kind.label()}: 1 for probable positives, else 0
 * @param type the image's fracture type for positives (may be null when unknown); null for negatives
 */
public record MinedRoi(int imageIndex, MapCell cell, InputBox box, RoiKind kind, int label, FractureType type) {
    public MinedRoi {
        if (imageIndex < 0) {
            throw new IllegalArgumentException("imageIndex must be >= 0 but was " + imageIndex);
        }
        if (cell == null || box == null || kind == null) {
            throw new IllegalArgumentException("cell, box and kind are required");
        }
        if (label != kind.label()) {
            throw new IllegalArgumentException("a " + kind + " ROI must have label " + kind.label() + " but had " + label);
        }
        if (label == 0 && type != null) {
            throw new IllegalArgumentException("a negative ROI has no fracture type but got " + type);
        }
    }
}
