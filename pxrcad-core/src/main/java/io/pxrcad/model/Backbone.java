package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolutional feature extractor: input {@code (N,3,H,W)} float32 (ImageNet-normalised) to the
 * last feature map {@code (N,channels(),H/32,W/32)} (non-negative: after the final ReLU).
 * DenseNet: {@code relu(features(x))}, parameters named {@code features.*}; ResNet: the output of
 * {@code layer4}, parameters named {@code conv1.*, bn1.*, layer1.*...}, exactly as torchvision.
 */
public final class Backbone extends AbstractBlock {
    private final Architecture architecture;
    private final int channels;
    private final boolean finalRelu;
    private final Block net;

    Backbone(Architecture architecture, String childName, Block net, int channels, boolean finalRelu) {
        this.architecture = architecture;
        this.channels = channels;
        this.finalRelu = finalRelu;
        this.net = addChildBlock(childName, net);
    }

    public Architecture architecture() { return architecture; }

    /** Channels of the output feature map (1024 for DenseNet-121, 512 for ResNet-18). */
    public int channels() { return channels; }

    /**
     * Evaluation-mode features after the first {@code blocks} stages of a VGG backbone ({@link Vgg}):
     * {@code (N,3,H,W) -> (N,width,H/2^blocks,W/2^blocks)}, the fine, early features that
     * {@link io.pxrcad.train.AnomalyCells} compares between images. Other backbones have no such stages.
     */
    public NDList early(ParameterStore ps, NDList in, int blocks) {
        if (!(net instanceof Stages stages) || !(Backbones.spec(architecture) instanceof Vgg)) {
            throw new IllegalStateException("early features need a VGG backbone but this is " + architecture.id());
        }
        return stages.prefix(ps, in, blocks, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        NDList y = net.forward(ps, in, training, p);
        return finalRelu ? new NDList(Activation.relu(y.head())) : y;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return net.getOutputShapes(in);
    }
}
