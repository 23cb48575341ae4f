package io.pxrcad.train;

/**
 * A training batch as plain arrays, made by background workers and turned into an
 * {@code NDArray} by the training thread.
 *
 * @param x        {@code (n, 3, size, size)} float32, row-major, ImageNet-normalised
 * @param labels   fracture labels 0/1, length n
 * @param types    type labels (1 = pelvic, 0 = hip), length n; meaningful where {@code typeMask} is 1
 * @param typeMask 1 where the type loss applies (positive samples of known type), length n
 * @param cellTargets stage 1's cell targets ({@link TrainConfig#pseudoCells()}), {@code n * cells} row-major
 *                    over each image's map; empty when the batch has none
 * @param cellMask    1 where a cell target applies, same length as {@code cellTargets}
 */
record Batch(float[] x, int n, int size, float[] labels, float[] types, float[] typeMask,
             float[] cellTargets, float[] cellMask) {
    Batch {
        if ((long) n * 3 * size * size != x.length || labels.length != n || types.length != n || typeMask.length != n
                || cellTargets.length != cellMask.length || cellTargets.length % n != 0) {
            throw new IllegalArgumentException("batch arrays do not match n=" + n + " size=" + size);
        }
    }

    /** A batch without cell targets. */
    Batch(float[] x, int n, int size, float[] labels, float[] types, float[] typeMask) {
        this(x, n, size, labels, types, typeMask, new float[0], new float[0]);
    }

    /** Map cells per image with a target; 0 when the batch has none. */
    int cells() { return cellTargets.length / n; }

    /**
     * The batch in consecutive passes of {@code perPass} rows (the last may have fewer): the
     * micro-batches of gradient accumulation; the batch itself when one pass holds it.
     */
    java.util.List<Batch> passes(int perPass) {
        if (perPass < 1) throw new IllegalArgumentException("rows per pass must be >= 1 but was " + perPass);
        if (perPass >= n) return java.util.List.of(this);
        java.util.List<Batch> out = new java.util.ArrayList<>();
        for (int from = 0; from < n; from += perPass) out.add(rows(from, Math.min(n, from + perPass)));
        return out;
    }

    /** Rows {@code from .. to-1} as a batch of their own (copies), e.g. one micro-batch. */
    Batch rows(int from, int to) {
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("expected rows in [0," + n + "] with from < to but were " + from + ".." + to);
        }
        int per = 3 * size * size, c = cells();
        return new Batch(java.util.Arrays.copyOfRange(x, from * per, to * per), to - from, size,
                java.util.Arrays.copyOfRange(labels, from, to), java.util.Arrays.copyOfRange(types, from, to),
                java.util.Arrays.copyOfRange(typeMask, from, to), java.util.Arrays.copyOfRange(cellTargets, from * c, to * c),
                java.util.Arrays.copyOfRange(cellMask, from * c, to * c));
    }
}
