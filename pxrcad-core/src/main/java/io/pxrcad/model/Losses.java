package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

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
     * Stage 1's loss computed from logits: {@code BCE(sigmoid(LSE_r(z)), y)} for the logit map
     * {@code z (N,1,h,w)} and labels {@code (N,1)}, as {@code max(x,0) - x y + log(1 + exp(-|x|))}
     * with {@code x = LSE_r(z)}, which never saturates. METHOD.md pools probabilities instead,
     * {@code LSE_r(sigmoid(z))}, and that caps what one cell can say: a map of 64 cells with one at
     * 1 and the rest at 0 pools to {@code 1 - ln(64)/10 = 0.58}, so BCE on a positive keeps pushing
     * up cells beside the fracture (diffuse maps), and the cell that found it sits in the sigmoid's
     * flat tail with almost no gradient. Pooled logits let one confident cell carry the image.
     */
    public static NDArray lseOfLogitsBce(NDArray logitMap, float r, NDArray label) {
        NDArray x = LsePooling.lse(logitMap, r);
        requireSameShape(x, label, "label");
        NDArray y = label.toType(x.getDataType(), false);
        NDArray softplus = x.abs().neg().exp().add(1f).log();
        return x.maximum(0f).sub(x.mul(y)).add(softplus).mean();
    }

    /**
     * The cell-level part of stage 1's loss for images without a fracture: for the logit map
     * {@code z (N,1,h,w)} and labels {@code (N,1)}, {@code sum over negatives of mean over cells of
     * BCE(sigmoid(z), 0)}, divided by {@code N} (so it adds to a batch-mean loss with weight one per
     * image). Image-level labels only: a negative image has no fracture anywhere, so every cell is a
     * known negative instance. Pooled BCE alone tells a negative image only that its highest cells are
     * too high; here every cell of normal anatomy is pushed down, which leaves fracture-specific
     * features as the only way to raise a positive image's pooled score.
     */
    public static NDArray negativeCellBce(NDArray logitMap, NDArray label) {
        if (logitMap.getShape().dimension() != 4 || logitMap.getShape().get(0) != label.getShape().get(0)) {
            throw new IllegalArgumentException("expected a logit map (N,1,h,w) and labels (N,1) but were "
                    + logitMap.getShape() + " and " + label.getShape());
        }
        long n = logitMap.getShape().get(0);
        NDArray z = logitMap.reshape(n, -1);
        // BCE against 0 from logits: softplus(z) = max(z,0) + log(1 + exp(-|z|))
        NDArray perImage = z.maximum(0f).add(z.abs().neg().exp().add(1f).log()).mean(new int[] {1});
        NDArray negative = label.toType(z.getDataType(), false).reshape(n).neg().add(1f);
        return perImage.mul(negative).sum().div((float) n);
    }

    /**
     * Cell targets for stage 1's map: for the logit map {@code z (N,1,h,w)}, targets and mask
     * {@code (N,h*w)} (row-major cells), {@code sum over images of mean over the image's masked cells of
     * BCE(sigmoid(z), t)}, divided by {@code N}: each image with any target weighs one, however many of
     * its cells are masked (a negative image all of them, a positive the few chosen ones), so a few
     * positive cells are not drowned by the negatives' many. Images without masked cells add nothing.
     */
    public static NDArray maskedCellBce(NDArray logitMap, NDArray target, NDArray mask) {
        long n = logitMap.getShape().get(0);
        if (logitMap.getShape().dimension() != 4 || !target.getShape().equals(new Shape(n, logitMap.getShape().size() / n))) {
            throw new IllegalArgumentException("expected a logit map (N,1,h,w) and targets (N,h*w) but were "
                    + logitMap.getShape() + " and " + target.getShape());
        }
        requireSameShape(target, mask, "mask");
        NDArray z = logitMap.reshape(n, -1);
        NDArray t = target.toType(z.getDataType(), false);
        NDArray m = mask.toType(z.getDataType(), false);
        // BCE from logits: max(z,0) - z t + log(1 + exp(-|z|))
        NDArray bce = z.maximum(0f).sub(z.mul(t)).add(z.abs().neg().exp().add(1f).log());
        NDArray perImage = bce.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
        return perImage.sum().div((float) n);
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
