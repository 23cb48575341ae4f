package io.pxrcad.phantom;

import io.pxrcad.FractureType;

/** Where a phantom fracture lies; each site belongs to one of the paper's two types. */
public enum FractureSite {
    FEMORAL_NECK(FractureType.HIP),
    INTERTROCHANTERIC(FractureType.HIP),
    PUBIC_RAMUS(FractureType.PELVIC),
    ILIAC_WING(FractureType.PELVIC),
    ACETABULUM(FractureType.PELVIC),
    SACRUM(FractureType.PELVIC);

    private final FractureType type;

    FractureSite(FractureType type) { this.type = type; }

    public FractureType type() { return type; }
}
