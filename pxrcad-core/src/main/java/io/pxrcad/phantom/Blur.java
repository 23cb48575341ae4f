package io.pxrcad.phantom;

/** Separable binomial blur (radius 1: 1-2-1, radius 2: 1-4-6-4-1), edges clamped. */
final class Blur {
    private Blur() {}

    static void separable(float[] v, int w, int h, int radius) {
        float[] k = radius == 1 ? new float[] {0.25f, 0.5f, 0.25f} : new float[] {1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f};
        int r = k.length / 2;
        float[] line = new float[Math.max(w, h) + 2 * r];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = -r; x < w + r; x++) line[x + r] = v[row + Math.max(0, Math.min(w - 1, x))];
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int j = 0; j < k.length; j++) s += k[j] * line[x + j];
                v[row + x] = s;
            }
        }
        float[] src = v.clone();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            java.util.Arrays.fill(v, row, row + w, 0f);
            for (int j = 0; j < k.length; j++) {
                int from = Math.max(0, Math.min(h - 1, y + j - r)) * w;
                float kj = k[j];
                for (int x = 0; x < w; x++) v[row + x] += kj * src[from + x];
            }
        }
    }
}
