package io.pxrcad.phantom;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rendered phantom radiograph with its ground truth.
 *
 * @param caseIndex index of the case in its cohort
 * @param patient   patient identifier ({@code P000123}); some patients have two cases
 * @param image     format {@code PHANTOM}, 16-bit, integral values in [0, 65535], bone bright
 * @param type      fracture type of a positive case, empty for a negative one
 * @param sites     the fractures drawn, in the order of {@code boxes}
 * @param boxes     one box per fracture, tight around the changed pixels, in original pixels
 */
public record Phantom(int caseIndex, String patient, Radiograph image, Optional<FractureType> type,
                      List<FractureSite> sites, List<PixelBox> boxes) {
    public Phantom {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(type, "type");
        sites = List.copyOf(sites);
        boxes = List.copyOf(boxes);
        if (sites.size() != boxes.size()) {
            throw new IllegalArgumentException("expected one box per site but got " + sites.size() + " sites and " + boxes.size() + " boxes");
        }
    }

    /** 1 when the phantom was drawn with a fracture, else 0. */
    public int label() { return type.isPresent() ? 1 : 0; }
}
