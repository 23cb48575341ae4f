package io.pxrcad.phantom;

import java.util.Arrays;

/**
 * A full-size scratch buffer for one bone (or the soft-tissue body): primitives combine
 * in it by maximum, so that overlapping parts of one solid do not count twice, and the
 * finished solid is then added to a projection. Only the touched bounding box is added
 * and cleared.
 */
final class Layer {
    final int width, height;
    final float[] v;
    private int x0, y0, x1, y1;

    Layer(int width, int height) {
        this.width = width;
        this.height = height;
        this.v = new float[width * height];
        reset();
    }

    private void reset() { x0 = width; y0 = height; x1 = 0; y1 = 0; }

    /** Marks {@code [xa, xb) x [ya, yb)} as touched (already clipped). */
    void touch(int xa, int ya, int xb, int yb) {
        if (xa >= xb || ya >= yb) return;
        x0 = Math.min(x0, xa); y0 = Math.min(y0, ya);
        x1 = Math.max(x1, xb); y1 = Math.max(y1, yb);
    }

    /** Adds {@code weight *} this layer to {@code target} and clears it. */
    void flushInto(float[] target, float weight) {
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            for (int x = x0; x < x1; x++) {
                int i = row + x;
                target[i] += weight * v[i];
            }
            Arrays.fill(v, row + x0, row + Math.max(x0, x1), 0f);
        }
        reset();
    }
}
