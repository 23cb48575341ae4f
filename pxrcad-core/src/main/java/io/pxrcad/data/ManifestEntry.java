package io.pxrcad.data;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a manifest: an image with its image-level label.
 *
 * @param image   path of the image as written in the manifest (relative to the manifest's folder)
 * @param patient patient identifier (splits never separate one patient's images); never logged
 * @param label   1 = fracture, 0 = none
 * @param type    fracture type for positives; empty for negatives (and for positives of unknown type)
 * @param boxes   fracture boxes in original pixels (evaluation only, never used for training)
 * @param split   the part of the fold, when the manifest has a {@code split} column
 */
public record ManifestEntry(String image, String patient, int label, Optional<FractureType> type,
                            List<PixelBox> boxes, Optional<Split> split) {
    public ManifestEntry {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(patient, "patient");
        if (image.isBlank()) throw new IllegalArgumentException("image must not be blank");
        if (label != 0 && label != 1) throw new IllegalArgumentException("label must be 0 or 1 but was " + label);
        type = Objects.requireNonNull(type, "type");
        if (label == 0 && type.isPresent()) {
            throw new IllegalArgumentException("a negative image (label 0) cannot have type " + type.get().label());
        }
        boxes = List.copyOf(boxes);
        split = Objects.requireNonNull(split, "split");
    }

    public boolean positive() { return label == 1; }

    public ManifestEntry withSplit(Split s) { return new ManifestEntry(image, patient, label, type, boxes, Optional.of(s)); }

    /** The image file, resolved against the manifest's folder. */
    public Path resolve(Path manifestDir) { return manifestDir.resolve(image); }
}
