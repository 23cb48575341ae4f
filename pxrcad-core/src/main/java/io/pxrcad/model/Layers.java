package io.pxrcad.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;

/** Factories for the torchvision layers, with torchvision's hyper-parameters and initialisation. */
final class Layers {
    private Layers() {}

    /**
     * Convolution without bias; weights Kaiming-normal (fan_out, ReLU) as torchvision's ResNet/DenseNet.
     * Its input gradient is right on every oneDNN kernel ({@link ExactGradientConv2d}).
     */
    static Block conv(int out, int kernel, int stride, int padding) {
        Conv2d c = new ExactGradientConv2d(convBuilder(out, kernel, stride, padding));
        c.setInitializer(kaiming(), Parameter.Type.WEIGHT);
        return c;
    }

    /** A network's first convolution, as {@link #conv}: its input is the image, which needs no gradient. */
    static Block stem(int out, int kernel, int stride, int padding) {
        Conv2d c = convBuilder(out, kernel, stride, padding).build();
        c.setInitializer(kaiming(), Parameter.Type.WEIGHT);
        return c;
    }

    private static Conv2d.Builder convBuilder(int out, int kernel, int stride, int padding) {
        return Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(false);
    }

    /** Batch norm with torch's defaults: eps 1e-5, torch momentum 0.1 (= DJL momentum 0.9). */
    static Block bn() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** A linear output head: PyTorch's default weight initialisation (see {@link HeadInitializer}), bias 0. */
    static Block linear(int out) {
        Linear l = Linear.builder().setUnits(out).optBias(true).build();
        l.setInitializer(new HeadInitializer(), Parameter.Type.WEIGHT);
        return l;
    }

    /** A 1x1 convolution with bias as an output head (the MIL map): initialised as {@link #linear}. */
    static Block convHead(int out) {
        Conv2d c = Conv2d.builder().setFilters(out).setKernelShape(new Shape(1, 1)).optBias(true).build();
        c.setInitializer(new HeadInitializer(), Parameter.Type.WEIGHT);
        return c;
    }

    static Block relu() {
        return new LambdaBlock(x -> new NDList(Activation.relu(x.singletonOrThrow())), "relu");
    }

    static Block maxPool(int kernel, int stride, int padding) {
        return Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding));
    }

    static Block avgPool(int kernel, int stride) {
        return Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride));
    }

    private static XavierInitializer kaiming() {
        return new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);
    }
}
