package io.pxrcad.model;

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
 * torchvision's ResNet {@code BasicBlock}: conv3x3(stride)-BN-ReLU-conv3x3-BN, plus the identity
 * or a {@code downsample} (conv1x1(stride)-BN) shortcut, then ReLU.
 * {@code (N,Cin,H,W) -> (N,planes,H/stride,W/stride)}.
 */
final class BasicBlock extends AbstractBlock {
    private final int planes;
    private final int stride;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final Block downsample;

    BasicBlock(int inPlanes, int planes, int stride) {
        this.planes = planes;
        this.stride = stride;
        conv1 = addChildBlock("conv1", Layers.conv(planes, 3, stride, 1));
        bn1 = addChildBlock("bn1", Layers.bn());
        conv2 = addChildBlock("conv2", Layers.conv(planes, 3, 1, 1));
        bn2 = addChildBlock("bn2", Layers.bn());
        downsample = stride != 1 || inPlanes != planes
                ? addChildBlock("downsample", new Stages().add("0", Layers.conv(planes, 1, stride, 0)).add("1", Layers.bn()))
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        NDList y = bn1.forward(ps, conv1.forward(ps, in, training, p), training, p);
        y = conv2.forward(ps, new NDList(Activation.relu(y.head())), training, p);
        y = bn2.forward(ps, y, training, p);
        NDList identity = downsample == null ? in : downsample.forward(ps, in, training, p);
        return new NDList(Activation.relu(y.head().add(identity.head())));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : new Block[] {conv1, bn1, conv2, bn2}) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        long h = (s.get(2) + 2 - 3) / stride + 1;
        long w = (s.get(3) + 2 - 3) / stride + 1;
        return new Shape[] {new Shape(s.get(0), planes, h, w)};
    }
}
