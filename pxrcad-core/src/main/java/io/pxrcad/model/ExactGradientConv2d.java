package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution whose input gradient is right on every oneDNN CPU kernel.
 *
 * <p>libtorch 2.7.1's oneDNN computes the input gradient of a convolution wrongly (NaN, or
 * values off by 10-100%) when the kernel is larger than 1x1 and the number of output channels
 * is not a multiple of the vector width in floats ({@link OneDnnVectorWidth}): measured on 3,600
 * shapes (1 to 128 output channels, kernels 1, 3 and 7) against a double-precision reference;
 * outputs and weight gradients were right in every case. The channels past the last full vector
 * are presumably read from padding that oneDNN's backward kernel does not zero.
 *
 * <p>So in training on a CPU this convolution runs with zero filters appended up to the next
 * multiple and slices its output back: the same output and the same weight gradient, and the
 * appended channels give a zero output gradient. Inference and GPUs (no oneDNN) run unchanged,
 * as does every convolution whose channel count is already a multiple (all of the paper
 * networks'). A network's first convolution, whose input (the image) needs no gradient, is a
 * plain one ({@code Layers.stem}): DJL cannot tell whether an input requires a gradient
 * ({@code hasGradient} is false for every computed array).
 */
final class ExactGradientConv2d extends Conv2d {

    /** For convolutions without bias, as all of torchvision's backbone convolutions are. */
    ExactGradientConv2d(Conv2d.Builder builder) {
        super(builder);
        if (includeBias) throw new IllegalArgumentException("expected a convolution without bias");
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        int padded = padded(filters, kernelShape, OneDnnVectorWidth.FLOATS);
        if (!training || padded == filters || groups != 1 || x.getDevice().isGpu()) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDArray w = ps.getValue(weight, x.getDevice(), true);
        Shape ws = w.getShape();
        try (NDArray zeros = w.getManager().zeros(new Shape(padded - filters, ws.get(1), ws.get(2), ws.get(3)), w.getDataType());
             NDArray wide = w.concat(zeros, 0);
             NDArray y = Conv2d.conv2d(x, wide, null, stride, padding, dilation, groups).head()) {
            return new NDList(y.get(new NDIndex(":, :{}", filters)));
        }
    }

    /** The output channels to compute with: {@code filters}, rounded up to {@code vector} for kernels above 1x1. */
    static int padded(int filters, Shape kernel, int vector) {
        if (kernel.size() == 1 || filters % vector == 0) return filters;
        return (filters / vector + 1) * vector;
    }
}
