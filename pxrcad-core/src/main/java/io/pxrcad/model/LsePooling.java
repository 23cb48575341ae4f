package io.pxrcad.model;

import ai.djl.ndarray.NDArray;

/**
 * Log-sum-exp pooling (METHOD.md, stage 1): {@code LSE(p) = (1/r) log((1/|S|) sum exp(r p))},
 * computed stably as {@code m/r + (1/r) log(mean(exp(r p - m)))} with {@code m = max(r p)}.
 * It lies between the mean ({@code r -> 0}) and the maximum ({@code r -> infinity}) of the map.
 */
public final class LsePooling {
    /** METHOD.md's default sharpness. */
    public static final float DEFAULT_R = io.pxrcad.artifact.NetworkConfig.DEFAULT_LSE_R;

    private LsePooling() {}

    /**
     * Pools over the spatial axes: {@code (N,C,h,w) -> (N,C)}; differentiable (autograd).
     * {@code m} is held constant for the gradient, which is exact because the expression does not
     * depend on {@code m}.
     */
    public static NDArray lse(NDArray x, float r) {
        requirePositive(r);
        NDArray rx = spatial(x).mul(r);
        NDArray m = rx.max(new int[] {2}, true).stopGradient();
        NDArray mean = rx.sub(m).exp().mean(new int[] {2});
        return mean.log().add(m.squeeze(2)).div(r);
    }

    /** The same for one map in plain Java (any layout; double accumulation). */
    public static float lse(float[] map, float r) {
        requirePositive(r);
        if (map.length == 0) {
            throw new IllegalArgumentException("expected a non-empty map");
        }
        double m = Double.NEGATIVE_INFINITY;
        for (float v : map) m = Math.max(m, (double) r * v);
        double sum = 0;
        for (float v : map) sum += Math.exp((double) r * v - m);
        return (float) ((m + Math.log(sum / map.length)) / r);
    }

    /** Global average pooling {@code (N,C,h,w) -> (N,C)}. */
    public static NDArray gap(NDArray x) {
        return spatial(x).mean(new int[] {2});
    }

    /** {@code (N,C,h,w) -> (N,C,h*w)}: PyTorch's engine in DJL reduces over one axis at a time. */
    private static NDArray spatial(NDArray x) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected (N,C,h,w) but was " + x.getShape());
        }
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1);
    }

    private static void requirePositive(float r) {
        if (!(r > 0) || Float.isInfinite(r)) {
            throw new IllegalArgumentException("LSE r must be finite and > 0 but was " + r);
        }
    }
}
