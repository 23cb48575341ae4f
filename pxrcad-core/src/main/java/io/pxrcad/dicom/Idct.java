package io.pxrcad.dicom;

/**
 * The integer inverse DCT of Thomas Richter's libjpeg (the decoder behind pylibjpeg-libjpeg,
 * which made pydicom's and pylibjpeg's JPEG reference values): the Loeffler-Ligtenberg-Moschytz
 * butterfly with 9-bit fixed-point constants, rows first, then columns, and output kept with
 * {@link #FRACTION_BITS} fractional bits. Those fractional bits survive chroma upsampling and are
 * rounded away only at the end ({@link JpegUpsampler}); IJG's "islow" instead rounds each
 * sample to an integer inside the IDCT and filters the integers, which is why the two disagree
 * by 1 on some samples.
 */
final class Idct {
    private Idct() {}

    /** Fractional bits of every sample this IDCT writes (libjpeg's {@code ColorTrafo::COLOR_BITS}). */
    static final int FRACTION_BITS = 4;

    private static final int FIX_BITS = 9;
    // round(c * 2^9) of the LLM constants, as libjpeg's TO_FIX
    private static final long F0298 = 153, F0390 = 200, F0541 = 277, F0765 = 392, F0899 = 461, F1175 = 602,
            F1501 = 769, F1847 = 946, F1961 = 1004, F2053 = 1051, F2562 = 1312, F3072 = 1573;
    private static final int ROW_SHIFT = FIX_BITS, COLUMN_SHIFT = FIX_BITS + 3;

    /**
     * Dequantizes and inverse-transforms one block into {@code out} at {@code off} (row
     * {@code stride}): level-shifted samples times 2^{@link #FRACTION_BITS}, not yet rounded or
     * clamped.
     *
     * @param coef 64 quantized coefficients in natural (row-major) order
     * @param q the 64 quantization steps in natural order
     * @param ws a scratch array of at least 64 longs, overwritten
     */
    static void inverse(int[] coef, int[] q, long[] ws, int[] out, int off, int stride, int precision) {
        // the level shift enters as part of the DC term, scaled like it (x8 for the two passes)
        long dcOffset = (1L << (precision - 1)) << (FRACTION_BITS + 3);
        for (int r = 0; r < 64; r += 8) {
            long dc = (long) coef[r] * (q[r] << FRACTION_BITS) + (r == 0 ? dcOffset : 0);
            if (coef[r + 1] == 0 && coef[r + 2] == 0 && coef[r + 3] == 0 && coef[r + 4] == 0 && coef[r + 5] == 0
                    && coef[r + 6] == 0 && coef[r + 7] == 0) {
                // the full butterfly gives (dc << 9 + 2^8) >> 9 == dc for every output
                for (int c = 0; c < 8; c++) ws[r + c] = dc;
                continue;
            }
            butterfly(ws, r, 1, dc, dq(coef, q, r + 1), dq(coef, q, r + 2), dq(coef, q, r + 3), dq(coef, q, r + 4),
                    dq(coef, q, r + 5), dq(coef, q, r + 6), dq(coef, q, r + 7), ROW_SHIFT);
        }
        for (int c = 0; c < 8; c++) {
            long w0 = ws[c];
            if (ws[8 + c] == 0 && ws[16 + c] == 0 && ws[24 + c] == 0 && ws[32 + c] == 0 && ws[40 + c] == 0
                    && ws[48 + c] == 0 && ws[56 + c] == 0) {
                int v = (int) ((w0 + 4) >> 3); // what the butterfly gives for a lone DC term
                for (int r = 0; r < 8; r++) out[off + r * stride + c] = v;
                continue;
            }
            butterfly(ws, c, 8, w0, ws[8 + c], ws[16 + c], ws[24 + c], ws[32 + c], ws[40 + c], ws[48 + c], ws[56 + c],
                    COLUMN_SHIFT);
            for (int r = 0; r < 8; r++) out[off + r * stride + c] = (int) ws[c + 8 * r];
        }
    }

    private static long dq(int[] coef, int[] q, int i) { return (long) coef[i] * (q[i] << FRACTION_BITS); }

    /**
     * One 8-point 1-D pass; writes the 8 outputs, rounded and shifted right by {@code shift},
     * to {@code ws[at + k * step]} (the inputs are read before anything is written).
     */
    private static void butterfly(long[] ws, int at, int step, long i0, long i1, long i2, long i3, long i4, long i5,
                                  long i6, long i7, int shift) {
        long z1 = (i2 + i6) * F0541;
        long tmp2 = z1 - i6 * F1847;
        long tmp3 = z1 + i2 * F0765;
        long tmp0 = (i0 + i4) << FIX_BITS;
        long tmp1 = (i0 - i4) << FIX_BITS;
        long tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        long z5 = (i7 + i3 + i5 + i1) * F1175;
        long za = (i7 + i1) * -F0899, zb = (i5 + i3) * -F2562;
        long zc = (i7 + i3) * -F1961 + z5, zd = (i5 + i1) * -F0390 + z5;
        long o0 = i7 * F0298 + za + zc, o1 = i5 * F2053 + zb + zd, o2 = i3 * F3072 + zb + zc, o3 = i1 * F1501 + za + zd;
        long round = 1L << (shift - 1);
        ws[at] = (tmp10 + o3 + round) >> shift;
        ws[at + step] = (tmp11 + o2 + round) >> shift;
        ws[at + 2 * step] = (tmp12 + o1 + round) >> shift;
        ws[at + 3 * step] = (tmp13 + o0 + round) >> shift;
        ws[at + 4 * step] = (tmp13 - o0 + round) >> shift;
        ws[at + 5 * step] = (tmp12 - o1 + round) >> shift;
        ws[at + 6 * step] = (tmp11 - o2 + round) >> shift;
        ws[at + 7 * step] = (tmp10 - o3 + round) >> shift;
    }
}
