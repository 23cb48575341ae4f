package io.pxrcad.dicom;

/**
 * Photometric Interpretation (PS3.3 C.7.6.3.1.2) to one grey value per pixel: MONOCHROME1/2
 * pass through (MONOCHROME1 is inverted later, after the VOI, as C.11.2 requires); RGB and
 * YBR_ICT/YBR_RCT (which the JPEG 2000 codec returns as RGB) become Rec. 601 luma
 * {@code 0.299 R + 0.587 G + 0.114 B}; YBR_FULL and YBR_FULL_422 keep their Y sample, which
 * is that same luma (C.7.6.3.1.2). PALETTE COLOR and others are not supported.
 */
final class PhotometricInterpretation {
    private PhotometricInterpretation() {}

    /** @return {@code rows*columns} grey values from interleaved stored samples */
    static float[] luminance(ImagePixelModule px, int[] samples) {
        int n = (int) px.pixelsPerFrame();
        float[] out = new float[n];
        String pi = px.photometric();
        if (px.samplesPerPixel() == 1) {
            if (!px.monochrome()) throw unsupported(pi);
            for (int i = 0; i < n; i++) out[i] = samples[i];
            return out;
        }
        switch (pi) {
            case "RGB", "YBR_ICT", "YBR_RCT" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (0.299 * samples[3 * i] + 0.587 * samples[3 * i + 1] + 0.114 * samples[3 * i + 2]);
                }
            }
            case "YBR_FULL", "YBR_FULL_422" -> {
                for (int i = 0; i < n; i++) out[i] = samples[3 * i];
            }
            default -> throw unsupported(pi);
        }
        return out;
    }

    private static io.pxrcad.UnsupportedImageException unsupported(String pi) {
        return new io.pxrcad.UnsupportedImageException("unsupported DICOM Photometric Interpretation (0028,0004) " + pi
                + ": expected MONOCHROME1, MONOCHROME2, RGB or YBR_FULL(_422)");
    }
}
