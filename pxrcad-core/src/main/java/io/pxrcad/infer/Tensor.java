package io.pxrcad.infer;

import java.util.Arrays;

/**
 * A float32 tensor as plain Java: row-major values and their shape (e.g. {@code (N,3,S,S)} in,
 * {@code (N,1,h,w)} out). What crosses the engine seam ({@link NetworkRunner}), so the chain
 * needs no engine types.
 */
public record Tensor(float[] data, int[] shape) {
    public Tensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values but data has "
                    + data.length);
        }
        shape = shape.clone();
    }

    public static Tensor of(float[] data, int... shape) { return new Tensor(data, shape); }

    /** Size of dimension {@code d}. */
    public int dim(int d) { return shape[d]; }

    /** The values of item {@code k} of the first dimension (a copy). */
    public float[] item(int k) {
        int per = data.length / shape[0];
        return Arrays.copyOfRange(data, k * per, (k + 1) * per);
    }

    @Override
    public int[] shape() { return shape.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    @Override
    public String toString() { return "Tensor" + Arrays.toString(shape); }
}
