package io.pxrcad.dicom;

/**
 * The IJG accurate integer inverse DCT ("islow", libjpeg jidctint.c, after Loeffler,
 * Ligtenberg and Moschytz), with its exact scaling and rounding, so decoded samples match
 * libjpeg and GDCM bit for bit.
 */
final class Idct {
    private Idct() {}

    private static final int CONST_BITS = 13;
    private static final long F0298 = 2446, F0390 = 3196, F0541 = 4433, F0765 = 6270, F0899 = 7373, F1175 = 9633,
            F1501 = 12299, F1847 = 15137, F1961 = 16069, F2053 = 16819, F2562 = 20995, F3072 = 25172;

    /** Dequantizes and inverse-transforms one block (natural order) into {@code out} at {@code off} with row {@code stride}. */
    static void islow(int[] coef, int[] q, int[] out, int off, int stride, int precision) {
        int pass1 = precision == 12 ? 1 : 2;
        int center = 1 << (precision - 1), max = (1 << precision) - 1;
        long[] ws = new long[64];
        for (int c = 0; c < 8; c++) {
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[32 + c] == 0 && coef[40 + c] == 0
                    && coef[48 + c] == 0 && coef[56 + c] == 0) {
                long dcval = ((long) coef[c] * q[c]) << pass1;
                for (int r = 0; r < 8; r++) ws[r * 8 + c] = dcval;
                continue;
            }
            long[] o = butterfly((long) coef[c] * q[c], (long) coef[8 + c] * q[8 + c], (long) coef[16 + c] * q[16 + c],
                    (long) coef[24 + c] * q[24 + c], (long) coef[32 + c] * q[32 + c], (long) coef[40 + c] * q[40 + c],
                    (long) coef[48 + c] * q[48 + c], (long) coef[56 + c] * q[56 + c]);
            for (int r = 0; r < 8; r++) ws[r * 8 + c] = descale(o[r], CONST_BITS - pass1);
        }
        for (int r = 0; r < 8; r++) {
            int b = r * 8;
            long[] o = butterfly(ws[b], ws[b + 1], ws[b + 2], ws[b + 3], ws[b + 4], ws[b + 5], ws[b + 6], ws[b + 7]);
            for (int c = 0; c < 8; c++) {
                long v = descale(o[c], CONST_BITS + pass1 + 3) + center;
                out[off + r * stride + c] = (int) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    private static long descale(long x, int n) { return (x + (1L << (n - 1))) >> n; }

    /** One 8-point 1-D pass of jidctint.c; returns the 8 outputs before descaling. */
    private static long[] butterfly(long i0, long i1, long i2, long i3, long i4, long i5, long i6, long i7) {
        long z1 = (i2 + i6) * F0541;
        long tmp2 = z1 - i6 * F1847;
        long tmp3 = z1 + i2 * F0765;
        long tmp0 = (i0 + i4) << CONST_BITS;
        long tmp1 = (i0 - i4) << CONST_BITS;
        long tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        long t0 = i7, t1 = i5, t2 = i3, t3 = i1;
        z1 = t0 + t3;
        long z2 = t1 + t2, z3 = t0 + t2, z4 = t1 + t3;
        long z5 = (z3 + z4) * F1175;
        t0 *= F0298;
        t1 *= F2053;
        t2 *= F3072;
        t3 *= F1501;
        z1 *= -F0899;
        z2 *= -F2562;
        z3 *= -F1961;
        z4 *= -F0390;
        z3 += z5;
        z4 += z5;
        t0 += z1 + z3;
        t1 += z2 + z4;
        t2 += z2 + z3;
        t3 += z1 + z4;
        return new long[] {tmp10 + t3, tmp11 + t2, tmp12 + t1, tmp13 + t0, tmp13 - t0, tmp12 - t1, tmp11 - t2, tmp10 - t3};
    }
}
