package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Losses on probabilities (and the masked reconstruction error of pretraining), written here because DJL's {@code sigmoidBinaryCrossEntropyLoss} with
 * {@code fromSigmoid=true} returns the negative cross-entropy (DJL 0.33-0.36).
 */
public final class Losses {
    private Losses() {}

    /**
     * Mean binary cross-entropy as torch's {@code BCELoss}: logs clamped at -100 so that a
     * probability of exactly 0 or 1 gives a finite loss. {@code prob}, {@code label}: same shape,
     * e.g. {@code (N,1)} float32, prob in [0,1], label in {0,1}. Returns a scalar. Probabilities below float's smallest normal count as log -100 (finite gradient).
     */
    public static NDArray bce(NDArray prob, NDArray label) {
        return elementwise(prob, label).mean();
    }

    /**
     * BCE over the entries where {@code mask} is 1 only (the type loss of stage 2, applied to
     * positive ROIs): {@code sum(mask * bce) / max(sum(mask), 1)}; zero (not NaN) when the mask is empty.
     */
    public static NDArray maskedBce(NDArray prob, NDArray label, NDArray mask) {
        requireSameShape(prob, mask, "mask");
        NDArray m = mask.toType(prob.getDataType(), false);
        return elementwise(prob, label).mul(m).sum().div(m.sum().maximum(1f));
    }

    /**
     * Mean absolute error over the entries where {@code mask} is 1 only (the masked pixels of
     * masked-image modelling): {@code sum(mask * |pred - target|) / max(sum(mask), 1)}. All three of
     * the same shape, e.g. {@code (N,1,H,W)} float32; returns a scalar.
     */
    public static NDArray maskedL1(NDArray pred, NDArray target, NDArray mask) {
        requireSameShape(pred, target, "target");
        requireSameShape(pred, mask, "mask");
        NDArray m = mask.toType(pred.getDataType(), false);
        return pred.sub(target.toType(pred.getDataType(), false)).abs().mul(m).sum().div(m.sum().maximum(1f));
    }

    private static NDArray elementwise(NDArray prob, NDArray label) {
        requireSameShape(prob, label, "label");
        NDArray y = label.toType(prob.getDataType(), false);
        NDArray logP = clampedLog(prob);
        NDArray log1mP = clampedLog(prob.neg().add(1f));
        return y.mul(logP).add(y.neg().add(1f).mul(log1mP)).neg();
    }

    /**
     * {@code max(log(x), -100)} with a finite gradient everywhere: below float's smallest normal
     * (1.2e-38, log -87.3) the value is -100 and the gradient 0, where a plain {@code log(0)} would
     * give an infinite gradient (and NaN after the clamp).
     */
    private static NDArray clampedLog(NDArray x) {
        NDArray safe = x.maximum(Float.MIN_NORMAL).log();
        return NDArrays.where(x.gte(Float.MIN_NORMAL), safe, safe.zerosLike().sub(100f));
    }

    private static void requireSameShape(NDArray prob, NDArray other, String what) {
        if (!prob.getShape().equals(other.getShape())) {
            throw new IllegalArgumentException("expected " + what + " of shape " + prob.getShape()
                    + " (as prob) but was " + other.getShape());
        }
    }
}
