package io.pxrcad.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A sequential block with named children (the names of torchvision's {@code nn.Sequential} /
 * module attributes), each run in its own temporary sub-manager ({@link Scoped}).
 */
final class Stages extends AbstractBlock {

    Stages add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = inputs;
        for (Block child : children.values()) {
            x = Scoped.run(x, in -> child.forward(ps, in, training, params));
        }
        return x;
    }

    /** The output of the first {@code count} children only (e.g. the early stages of a VGG). */
    NDList prefix(ParameterStore ps, NDList inputs, int count, boolean training) {
        if (count < 1 || count > children.size()) {
            throw new IllegalArgumentException("expected 1 to " + children.size() + " blocks but was " + count);
        }
        NDList x = inputs;
        int k = 0;
        for (Block child : children.values()) {
            if (k++ == count) break;
            x = Scoped.run(x, in -> child.forward(ps, in, training, null));
        }
        return x;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}
