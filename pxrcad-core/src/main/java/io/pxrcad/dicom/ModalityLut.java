package io.pxrcad.dicom;

/**
 * The Modality LUT Module (PS3.3 C.11.1): stored values to modality values (e.g. Hounsfield
 * units) through the Modality LUT Sequence (0028,3000) when present, else
 * {@code stored * Rescale Slope (0028,1053) + Rescale Intercept (0028,1052)} (slope 1 and
 * intercept 0 when absent).
 */
final class ModalityLut {
    private final LookupTable lut;
    private final double slope;
    private final double intercept;

    private ModalityLut(LookupTable lut, double slope, double intercept) {
        this.lut = lut;
        this.slope = slope;
        this.intercept = intercept;
    }

    static ModalityLut of(Dataset ds, ImagePixelModule px) {
        var items = ds.items(Tags.MODALITY_LUT_SEQUENCE);
        if (!items.isEmpty()) {
            return new ModalityLut(LookupTable.of(items.get(0), px.signed(), "Modality"), 1, 0);
        }
        double slope = ds.number(Tags.RESCALE_SLOPE).orElse(1);
        double intercept = ds.number(Tags.RESCALE_INTERCEPT).orElse(0);
        if (!Double.isFinite(slope) || slope == 0) slope = 1;
        if (!Double.isFinite(intercept)) intercept = 0;
        return new ModalityLut(null, slope, intercept);
    }

    static ModalityLut rescale(double slope, double intercept) { return new ModalityLut(null, slope, intercept); }

    double apply(double stored) {
        return lut != null ? lut.apply(stored) : stored * slope + intercept;
    }

    /** True when a LUT (not a rescale) defines the mapping. */
    boolean hasLut() { return lut != null; }

    /** Output bits of the LUT, or 0 for a rescale. */
    int lutBits() { return lut == null ? 0 : lut.bits(); }
}
