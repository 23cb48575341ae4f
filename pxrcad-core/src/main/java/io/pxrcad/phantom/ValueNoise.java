package io.pxrcad.phantom;

import java.util.SplittableRandom;

/** Smooth random texture in [0, 1]: bilinearly interpolated lattice noise, two octaves. */
final class ValueNoise {
    private ValueNoise() {}

    /** Fills a {@code w x h} field whose coarse cell is {@code cell} pixels. */
    static float[] field(int w, int h, double cell, SplittableRandom rnd) {
        float[] out = new float[w * h];
        octave(out, w, h, cell, 0.65f, rnd);
        octave(out, w, h, Math.max(1.5, cell / 2.5), 0.35f, rnd);
        return out;
    }

    private static void octave(float[] out, int w, int h, double cell, float weight, SplittableRandom rnd) {
        int gw = (int) Math.ceil(w / cell) + 2, gh = (int) Math.ceil(h / cell) + 2;
        float[] g = new float[gw * gh];
        for (int i = 0; i < g.length; i++) g[i] = (float) rnd.nextDouble();
        float inv = (float) (1 / cell);
        for (int y = 0; y < h; y++) {
            float fy = y * inv;
            int iy = (int) fy;
            float ty = fy - iy;
            ty = ty * ty * (3 - 2 * ty);
            int r0 = iy * gw, r1 = r0 + gw, row = y * w;
            for (int x = 0; x < w; x++) {
                float fx = x * inv;
                int ix = (int) fx;
                float tx = fx - ix;
                tx = tx * tx * (3 - 2 * tx);
                float a = g[r0 + ix] + tx * (g[r0 + ix + 1] - g[r0 + ix]);
                float b = g[r1 + ix] + tx * (g[r1 + ix + 1] - g[r1 + ix]);
                out[row + x] += weight * (a + ty * (b - a));
            }
        }
    }
}
