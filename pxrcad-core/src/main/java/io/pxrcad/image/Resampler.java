package io.pxrcad.image;

/**
 * Separable resampling: each output pixel of an axis is a weighted sum of input pixels.
 * Upsampling uses bilinear weights with half-pixel centres ({@code align_corners=False});
 * downsampling integrates the input over the output pixel's footprint (area averaging).
 */
final class Resampler {
    private Resampler() {}

    /** Sparse weights of one axis: output {@code o} reads {@code idx[o][k]} with {@code wt[o][k]}. */
    private record Axis(int[][] idx, float[][] wt) {}

    static float[] resize(float[] img, int w, int h, int outW, int outH) {
        if (w <= 0 || h <= 0 || outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("sizes must be > 0 but were " + w + "x" + h + " -> " + outW + "x" + outH);
        }
        if (img.length != w * h) {
            throw new IllegalArgumentException("expected " + (w * h) + " pixels for " + w + "x" + h + " but got " + img.length);
        }
        if (w == outW && h == outH) {
            return img.clone();
        }
        Axis ax = axis(w, outW);
        Axis ay = axis(h, outH);
        float[] tmp = new float[h * outW];
        for (int y = 0; y < h; y++) {
            int row = y * w, orow = y * outW;
            for (int o = 0; o < outW; o++) {
                int[] ix = ax.idx[o];
                float[] wx = ax.wt[o];
                float s = 0;
                for (int k = 0; k < ix.length; k++) s += wx[k] * img[row + ix[k]];
                tmp[orow + o] = s;
            }
        }
        float[] out = new float[outH * outW];
        for (int o = 0; o < outH; o++) {
            int[] iy = ay.idx[o];
            float[] wy = ay.wt[o];
            int orow = o * outW;
            for (int k = 0; k < iy.length; k++) {
                float wk = wy[k];
                int trow = iy[k] * outW;
                for (int x = 0; x < outW; x++) out[orow + x] += wk * tmp[trow + x];
            }
        }
        return out;
    }

    private static Axis axis(int in, int out) {
        int[][] idx = new int[out][];
        float[][] wt = new float[out][];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (out > in) {
                double c = (o + 0.5) * scale - 0.5;
                int i0 = (int) Math.floor(c);
                double f = c - i0;
                int a = clamp(i0, in), b = clamp(i0 + 1, in);
                idx[o] = new int[] {a, b};
                wt[o] = new float[] {(float) (1 - f), (float) f};
            } else {
                double x0 = o * scale, x1 = (o + 1) * scale;
                int first = (int) Math.floor(x0), last = Math.min(in - 1, (int) Math.ceil(x1) - 1);
                int n = last - first + 1;
                idx[o] = new int[n];
                wt[o] = new float[n];
                for (int k = 0; k < n; k++) {
                    int i = first + k;
                    double overlap = Math.min(x1, i + 1) - Math.max(x0, i);
                    idx[o][k] = i;
                    wt[o][k] = (float) (overlap / scale);
                }
            }
        }
        return new Axis(idx, wt);
    }

    private static int clamp(int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; }
}
