package io.pxrcad.dicom;

/**
 * The VOI LUT Module (PS3.3 C.11.2): modality values to display values in
 * {@code [0, outMax]}, through the first VOI LUT Sequence (0028,3010) item when present (as
 * pydicom prefers), else the first Window Center (0028,1050) / Window Width (0028,1051) pair
 * with the VOI LUT Function (0028,1056), else (no VOI in the file) a LINEAR_EXACT window over
 * the full range of the image's modality values.
 */
final class VoiLut {
    private final LookupTable lut;
    private final double center;
    private final double width;
    private final WindowFunction function;

    private VoiLut(LookupTable lut, double center, double width, WindowFunction function) {
        this.lut = lut;
        this.center = center;
        this.width = width;
        this.function = function;
    }

    /** The file's first VOI, or {@code null} when it has none (or only invalid windows). */
    static VoiLut of(Dataset ds) {
        var items = ds.items(Tags.VOI_LUT_SEQUENCE);
        if (!items.isEmpty()) {
            return new VoiLut(LookupTable.of(items.get(0), false, "VOI"), 0, 0, null);
        }
        double[] c = ds.numbers(Tags.WINDOW_CENTER);
        double[] w = ds.numbers(Tags.WINDOW_WIDTH);
        WindowFunction f = WindowFunction.parse(ds.string(Tags.VOI_LUT_FUNCTION));
        if (c.length > 0 && w.length > 0 && Double.isFinite(c[0]) && Double.isFinite(w[0]) && f.validWidth(w[0])) {
            return new VoiLut(null, c[0], w[0], f);
        }
        return null;
    }

    static VoiLut window(double center, double width, WindowFunction f) {
        return new VoiLut(null, center, width, f);
    }

    /** A window spanning {@code [min, max]} of the modality values. */
    static VoiLut fullRange(double min, double max) {
        return new VoiLut(null, (min + max) / 2, Math.max(max - min, 1e-6), WindowFunction.LINEAR_EXACT);
    }

    double apply(double x, double outMax) {
        if (lut != null) return lut.apply(x) * (outMax / lut.maxOut());
        return function.apply(x, center, width, 0, outMax);
    }
}
