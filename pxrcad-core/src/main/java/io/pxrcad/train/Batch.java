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

    /** Rows {@code from .. to-1} as a batch of their own (copies), e.g. one micro-batch. */
    Batch rows(int from, int to) {
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("expected rows in [0," + n + "] with from < to but were " + from + ".." + to);
        }
        int per = 3 * size * size;
        return new Batch(java.util.Arrays.copyOfRange(x, from * per, to * per), to - from, size,
                java.util.Arrays.copyOfRange(labels, from, to), java.util.Arrays.copyOfRange(types, from, to),
                java.util.Arrays.copyOfRange(typeMask, from, to));
    }
}
