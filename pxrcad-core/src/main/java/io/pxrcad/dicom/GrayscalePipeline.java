package io.pxrcad.dicom;

/**
 * The grayscale rendering pipeline of PS3.4 N.2.1 / PS3.3 C.11: stored values to luminance
 * (colour only), Modality LUT (C.11.1), VOI LUT or window (C.11.2), then MONOCHROME1
 * inversion (C.7.6.3.1.2) or Presentation LUT Shape INVERSE (C.11.6), so that high values are
 * bright (bone is bright).
 *
 * <p>Output: {@code rows*columns} floats in {@code [0, 2^min(BitsStored,16) - 1]}.
 */
final class GrayscalePipeline {
    private GrayscalePipeline() {}

    static int outputBits(ImagePixelModule px) { return Math.min(px.bitsStored(), 16); }

    static float[] render(ImagePixelModule px, Dataset ds, int[] stored) {
        float[] v = PhotometricInterpretation.luminance(px, stored);
        double outMax = (1 << outputBits(px)) - 1;
        if (px.monochrome()) {
            ModalityLut modality = ModalityLut.of(ds, px);
            for (int i = 0; i < v.length; i++) v[i] = (float) modality.apply(v[i]);
        }
        VoiLut voi = VoiLut.of(ds);
        if (voi == null) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            voi = VoiLut.fullRange(lo, hi);
        }
        // PS3.3 C.11.6: Presentation LUT Shape INVERSE inverts like MONOCHROME1 does (DX requires
        // INVERSE with MONOCHROME1, so the two mean one inversion, not two)
        boolean invert = "MONOCHROME1".equals(px.photometric()) || "INVERSE".equals(ds.string(Tags.PRESENTATION_LUT_SHAPE));
        for (int i = 0; i < v.length; i++) {
            double y = voi.apply(v[i], outMax);
            v[i] = (float) (invert ? outMax - y : y);
        }
        return v;
    }
}
