package io.pxrcad.dicom;

/**
 * Turns one decoded component plane (samples with {@link Idct#FRACTION_BITS} fractional bits)
 * into integer samples at full image size, as Thomas Richter's libjpeg does: subsampled
 * components (factors 1 to 4 per direction) are interpolated on the fixed-point samples with
 * libjpeg's centred filters (3/4 and 1/4 for a factor of 2), vertically then horizontally,
 * edges replicated, processed in 8x8 output blocks because the rounding offsets alternate with
 * the position inside libjpeg's block buffer; then each sample is rounded to an integer and
 * clamped to {@code [0, max]}.
 */
final class JpegUpsampler {
    private JpegUpsampler() {}

    private static final int HALF = 1 << (Idct.FRACTION_BITS - 1);

    /**
     * Writes component {@code c} of {@code ncomp} interleaved samples of a {@code width x height}
     * image into {@code out}.
     *
     * @param plane the component's samples, row stride {@code stride}, at least
     *              {@code ceil(width/sx)} columns and {@code ceil(height/sy)} rows
     * @param sx horizontal upsampling factor 1..4 (the frame's Hmax / the component's H)
     * @param sy vertical upsampling factor 1..4
     */
    static void toSamples(int[] plane, int stride, int sx, int sy, int width, int height, int max,
                          int[] out, int ncomp, int c) {
        if (sx == 1 && sy == 1) {
            for (int y = 0; y < height; y++) {
                for (int x = 0, at = y * width * ncomp + c; x < width; x++, at += ncomp) {
                    out[at] = toInt(plane[y * stride + x], max);
                }
            }
            return;
        }
        int inWidth = (width + sx - 1) / sx, inHeight = (height + sy - 1) / sy;
        int[] block = new int[8];
        for (int y = 0; y < height; y++) {
            int row = y / sy, phase = y % sy;
            int cur = row * stride;
            int near = Math.max(0, Math.min(inHeight - 1, phase * 2 < sy ? row - 1 : row + 1)) * stride;
            for (int minX = 0; minX < width; minX += 8) {
                // libjpeg's block buffer: 8 subsampled columns, one to the left when sx > 1
                int first = sx > 1 ? minX / sx - 1 : minX;
                for (int j = 0; j < 8; j++) {
                    int k = Math.max(0, Math.min(inWidth - 1, first + j));
                    block[j] = vertical(sy, phase, plane[near + k], plane[cur + k], (j & 1) == 0);
                }
                horizontal(sx, minX % sx, block);
                int n = Math.min(8, width - minX);
                for (int j = 0, at = (y * width + minX) * ncomp + c; j < n; j++, at += ncomp) {
                    out[at] = toInt(block[j], max);
                }
            }
        }
    }

    private static int toInt(int v, int max) {
        int i = (v + HALF) >> Idct.FRACTION_BITS;
        return i < 0 ? 0 : Math.min(i, max);
    }

    /**
     * One output line's value at one buffer column: {@code c} is the input line the output
     * line lies in, {@code n} its neighbour above (first half of the phases) or below.
     */
    private static int vertical(int sy, int phase, int n, int c, boolean evenColumn) {
        return switch (sy) {
            case 1 -> c;
            case 2 -> phase == 0 ? (n + 3 * c + (evenColumn ? 2 : 1)) >> 2 : (n + 3 * c + (evenColumn ? 1 : 2)) >> 2;
            case 3 -> switch (phase) {
                case 0 -> (n + 3 * c + (evenColumn ? 2 : 1)) >> 2;
                case 1 -> c;
                default -> (n + 3 * c + (evenColumn ? 1 : 2)) >> 2;
            };
            default -> switch (phase) {
                case 0 -> (3 * n + 5 * c + (evenColumn ? 4 : 3)) >> 3;
                case 1 -> (n + 7 * c + (evenColumn ? 3 : 4)) >> 3;
                case 2 -> (n + 7 * c + (evenColumn ? 4 : 3)) >> 3;
                default -> (3 * n + 5 * c + (evenColumn ? 4 : 3)) >> 3;
            };
        };
    }

    /**
     * libjpeg's horizontal filter over one 8-sample block buffer in place: {@code b[1 + i]} is
     * the i-th input column of the block ({@code b[0]} the one to its left), output pixel j of
     * the block goes to {@code b[j]}; {@code xmod} is the block's first pixel modulo {@code sx}.
     */
    private static void horizontal(int sx, int xmod, int[] b) {
        int s0 = b[0], s1 = b[1], s2 = b[2], s3 = b[3], s4 = b[4], s5 = b[5];
        switch (sx) {
            case 1 -> { }
            case 2 -> {
                b[0] = (s0 + 3 * s1 + 2) >> 2;
                b[1] = (s2 + 3 * s1 + 1) >> 2;
                b[2] = (s1 + 3 * s2 + 2) >> 2;
                b[3] = (s3 + 3 * s2 + 1) >> 2;
                b[4] = (s2 + 3 * s3 + 2) >> 2;
                b[5] = (s4 + 3 * s3 + 1) >> 2;
                b[6] = (s3 + 3 * s4 + 2) >> 2;
                b[7] = (s5 + 3 * s4 + 1) >> 2;
            }
            case 3 -> three(xmod, b, s0, s1, s2, s3, s4);
            default -> {
                b[0] = (3 * s0 + 5 * s1 + 2) >> 3;
                b[1] = (s0 + 7 * s1 + 1) >> 3;
                b[2] = (s2 + 7 * s1 + 2) >> 3;
                b[3] = (3 * s2 + 5 * s1 + 1) >> 3;
                b[4] = (3 * s1 + 5 * s2 + 2) >> 3;
                b[5] = (s1 + 7 * s2 + 1) >> 3;
                b[6] = (s3 + 7 * s2 + 2) >> 3;
                b[7] = (3 * s3 + 5 * s2 + 1) >> 3;
            }
        }
    }

    /** Factor 3: the block starts at a centre sample, after it, or before it ({@code xmod} 1, 2, 0). */
    private static void three(int xmod, int[] b, int s0, int s1, int s2, int s3, int s4) {
        switch (xmod) {
            case 0 -> {
                b[0] = (s0 + 3 * s1 + 2) >> 2;
                b[1] = s1;
                b[2] = (s2 + 3 * s1 + 1) >> 2;
                b[3] = (s1 + 3 * s2 + 2) >> 2;
                b[4] = s2;
                b[5] = (s3 + 3 * s2 + 1) >> 2;
                b[6] = (s2 + 3 * s3 + 2) >> 2;
                b[7] = s3;
            }
            case 1 -> {
                b[0] = s1;
                b[1] = (s2 + 3 * s1 + 1) >> 2;
                b[2] = (s1 + 3 * s2 + 2) >> 2;
                b[3] = s2;
                b[4] = (s3 + 3 * s2 + 1) >> 2;
                b[5] = (s2 + 3 * s3 + 2) >> 2;
                b[6] = s3;
                b[7] = (s4 + 3 * s3 + 1) >> 2;
            }
            default -> {
                b[0] = (s2 + 3 * s1 + 1) >> 2;
                b[1] = (s1 + 3 * s2 + 2) >> 2;
                b[2] = s2;
                b[3] = (s3 + 3 * s2 + 1) >> 2;
                b[4] = (s2 + 3 * s3 + 2) >> 2;
                b[5] = s3;
                b[6] = (s4 + 3 * s3 + 1) >> 2;
                b[7] = (s3 + 3 * s4 + 2) >> 2;
            }
        }
    }
}
