package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
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
 * torchvision's {@code _DenseLayer}: BN-ReLU-conv1x1 (bn_size*growth) - BN-ReLU-conv3x3 (growth),
 * concatenated to its input: {@code (N,C,H,W) -> (N,C+growth,H,W)}. The concatenation happens
 * here (not once per block as in torchvision), which gives identical numbers.
 */
final class DenseLayer extends AbstractBlock {
    private final int growth;
    private final Block norm1;
    private final Block conv1;
    private final Block norm2;
    private final Block conv2;

    DenseLayer(int growth, int bnSize) {
        this.growth = growth;
        norm1 = addChildBlock("norm1", Layers.bn());
        conv1 = addChildBlock("conv1", Layers.conv(bnSize * growth, 1, 1, 0));
        norm2 = addChildBlock("norm2", Layers.bn());
        conv2 = addChildBlock("conv2", Layers.conv(growth, 3, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        // each intermediate is closed as soon as the next one exists: at 961x961 a dense layer of
        // block 1 otherwise holds ~300 MB at once. Closing drops only the Java handle; autograd keeps
        // the tensors that backward needs.
        NDArray x = in.head();
        NDArray a = norm1.forward(ps, in, training, p).head();
        NDArray b = relu(a);
        NDArray c = conv1.forward(ps, new NDList(b), training, p).head();
        b.close();
        NDArray d = norm2.forward(ps, new NDList(c), training, p).head();
        c.close();
        NDArray e = relu(d);
        NDArray f = conv2.forward(ps, new NDList(e), training, p).head();
        e.close();
        NDArray out = x.concat(f, 1);
        f.close();
        return new NDList(out);
    }

    private static NDArray relu(NDArray x) {
        NDArray y = Activation.relu(x);
        x.close();
        return y;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : new Block[] {norm1, conv1, norm2, conv2}) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) + growth, s.get(2), s.get(3))};
    }
}
