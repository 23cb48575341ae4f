package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default initialisation of {@code nn.Linear} and {@code nn.Conv2d} weights,
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}, for the output heads (the MIL 1x1 convolution and
 * the linear classifiers). The backbones' Kaiming fan-out initialisation is wrong for a head with
 * one output: its fan-out is 1, so the weights get a standard deviation of sqrt(2) and the logits
 * of a fresh network one of several units per feature channel (about 6 for 32 channels, 30 for
 * DenseNet-121's 1024). The sigmoid then starts saturated, nearly every cell of the MIL map at 0
 * or 1, and BCE through a saturated sigmoid and LSE gives almost no gradient.
 */
final class HeadInitializer implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.size() / shape.get(0);
        float bound = (float) (1 / Math.sqrt(Math.max(1, fanIn)));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
