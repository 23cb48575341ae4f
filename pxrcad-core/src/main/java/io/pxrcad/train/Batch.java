package io.pxrcad.train;

/**
 * A training batch as plain arrays, made by background workers and turned into an
 * {@code NDArray} by the training thread.
 *
 * @param x        {@code (n, 3, size, size)} float32, row-major, ImageNet-normalised
 * @param labels   fracture labels 0/1, length n
 * @param types    type labels (1 = pelvic, 0 = hip), length n; meaningful where {@code typeMask} is 1
 * @param typeMask 1 where the type loss applies (positive samples of known type), length n
 */
record Batch(float[] x, int n, int size, float[] labels, float[] types, float[] typeMask) {
    Batch {
        if ((long) n * 3 * size * size != x.length || labels.length != n || types.length != n || typeMask.length != n) {
            throw new IllegalArgumentException("batch arrays do not match n=" + n + " size=" + size);
        }
    }
}
