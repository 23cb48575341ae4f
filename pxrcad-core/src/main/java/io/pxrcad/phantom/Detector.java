package io.pxrcad.phantom;

import java.util.SplittableRandom;

/**
 * Turns the soft-tissue and bone projections into a processed radiograph: total
 * attenuation (with burned-in lead marker and collimator edges, which block the beam),
 * system blur, a tone curve with the image's exposure and contrast (bone bright), quantum
 * noise that grows with attenuation, and 16-bit quantisation.
 */
final class Detector {
    /** Largest blur radius in pixels (fracture changes spread by at most this much). */
    static final int MAX_BLUR = 2;

    private final double muSoft, muBone, lowShare, windowShare, gamma, offset, noise;
    private double low, window;
    private final int blur;
    private final double[] collimation = new double[4];
    private final boolean right;
    private final double markerX, markerY, markerSize;

    Detector(SplittableRandom rnd) {
        muSoft = 0.0105 * (0.9 + 0.2 * rnd.nextDouble());
        muBone = 0.04 * (0.9 + 0.2 * rnd.nextDouble());
        lowShare = 0.25 + 0.3 * rnd.nextDouble();
        windowShare = 1.0 + 0.35 * rnd.nextDouble();
        gamma = 0.8 + 0.45 * rnd.nextDouble();
        offset = 0.02 + 0.06 * rnd.nextDouble();
        noise = 0.006 + 0.016 * rnd.nextDouble();
        blur = 1 + rnd.nextInt(MAX_BLUR);
        boolean collimated = rnd.nextDouble() < 0.5;
        for (int i = 0; i < 4; i++) collimation[i] = collimated && rnd.nextDouble() < 0.6 ? 0.01 + 0.04 * rnd.nextDouble() : 0;
        right = rnd.nextDouble() < 0.5;
        markerX = 0.08 + 0.08 * rnd.nextDouble();
        markerY = 0.06 + 0.06 * rnd.nextDouble();
        markerSize = 0.035 + 0.015 * rnd.nextDouble();
    }

    /** Returns row-major values in [0, 65535] (integral). {@code noiseRnd} must be seeded the same for a phantom with and without its fracture. */
    float[] expose(float[] soft, float[] bone, int w, int h, SplittableRandom noiseRnd) {
        autoWindow(soft, w, h);
        float[] a = new float[w * h];
        float ms = (float) muSoft, mb = (float) muBone;
        for (int i = 0; i < a.length; i++) a[i] = ms * Math.max(0, soft[i]) + mb * bone[i];
        collimate(a, w, h);
        marker(a, w, h);
        if (blur > 0) Blur.separable(a, w, h, blur);
        float[] out = a;
        float[] tone = new float[TONE + 2], sigma = new float[TONE + 2];
        for (int k = 0; k < tone.length; k++) {
            double v = offset + (1 - offset) * Math.pow(Math.min(1, (double) k / TONE), gamma);
            tone[k] = (float) v;
            sigma[k] = (float) (noise * Math.sqrt(0.15 + v));
        }
        float scale = (float) (TONE / window), lo = (float) low;
        for (int i = 0; i < out.length; i++) {
            float t = Math.max(0, Math.min(TONE, (a[i] - lo) * scale));
            int k = (int) t;
            float f = t - k;
            float v = tone[k] + f * (tone[k + 1] - tone[k]);
            v += (sigma[k] + f * (sigma[k + 1] - sigma[k])) * gaussian(noiseRnd);
            out[i] = (float) Math.rint(65535 * Math.max(0, Math.min(1, v)));
        }
        return out;
    }

    /**
     * Automatic exposure / processing: the window follows the mean soft-tissue attenuation of
     * the central field, as a real system's histogram analysis would. It looks at soft tissue
     * only, so a fracture never changes the tone curve.
     */
    private void autoWindow(float[] soft, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int y = h / 4; y < 3 * h / 4; y += 4) {
            for (int x = w / 4; x < 3 * w / 4; x += 4) {
                sum += Math.max(0, soft[y * w + x]);
                n++;
            }
        }
        double mean = muSoft * sum / Math.max(1, n);
        low = lowShare * mean;
        window = windowShare * mean + 0.9;
    }

    /** Approximately standard normal: the sum of four 16-bit uniforms from one 64-bit draw (Irwin-Hall, rescaled). */
    private static float gaussian(SplittableRandom rnd) {
        long r = rnd.nextLong();
        int sum = (int) (r & 0xffff) + (int) ((r >>> 16) & 0xffff) + (int) ((r >>> 32) & 0xffff) + (int) ((r >>> 48) & 0xffff);
        return (sum - 2 * 65535.5f) * GAUSS_SCALE;
    }

    private static final int TONE = 4096;
    /** 1 / (65536 * sqrt(4 / 12)): unit variance for the sum of four uniforms on [0, 65536). */
    private static final float GAUSS_SCALE = (float) (Math.sqrt(3) / 65536);

    private void collimate(float[] a, int w, int h) {
        int l = (int) (collimation[0] * w), r = (int) (collimation[1] * w), t = (int) (collimation[2] * h), b = (int) (collimation[3] * h);
        if (l + r + t + b == 0) return;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < l || x >= w - r || y < t || y >= h - b) a[y * w + x] += (float) (low + window * 0.8);
            }
        }
    }

    private static final String[] R = {"11110", "10001", "10001", "11110", "10100", "10010", "10001"};
    private static final String[] L = {"10000", "10000", "10000", "10000", "10000", "10000", "11111"};

    /** A lead letter R (patient right, image left) or L (image right), burned in near the top corner. */
    private void marker(float[] a, int w, int h) {
        String[] glyph = right ? R : L;
        double cell = markerSize * h / 7;
        double x0 = right ? markerX * w : w - markerX * w - 5 * cell, y0 = markerY * h;
        float add = (float) (low + window * 0.9);
        for (int gy = 0; gy < 7; gy++) {
            for (int gx = 0; gx < 5; gx++) {
                if (glyph[gy].charAt(gx) != '1') continue;
                int xa = (int) Math.round(x0 + gx * cell), xb = (int) Math.round(x0 + (gx + 1) * cell);
                int ya = (int) Math.round(y0 + gy * cell), yb = (int) Math.round(y0 + (gy + 1) * cell);
                for (int y = Math.max(0, ya); y < Math.min(h, yb); y++) {
                    for (int x = Math.max(0, xa); x < Math.min(w, xb); x++) a[y * w + x] += add;
                }
            }
        }
    }
}
