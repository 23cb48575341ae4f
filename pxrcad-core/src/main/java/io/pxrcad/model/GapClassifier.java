package io.pxrcad.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** torchvision's ImageNet classifier: backbone, global average pooling, linear: {@code (N,3,H,W) -> (N,classes)} logits. */
final class GapClassifier extends AbstractBlock {
    private final Backbone backbone;
    private final Block head;

    GapClassifier(Backbone backbone, String headName, int classes) {
        this.backbone = addChildBlock(TorchNames.TRANSPARENT, backbone);
        this.head = addChildBlock(headName, Layers.linear(classes));
    }

    Backbone backbone() { return backbone; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        NDList f = backbone.forward(ps, in, training, p);
        return head.forward(ps, new NDList(LsePooling.gap(f.head())), training, p);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape f = backbone.getOutputShapes(inputShapes)[0];
        head.initialize(manager, dataType, new Shape(f.get(0), f.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape f = backbone.getOutputShapes(in)[0];
        return head.getOutputShapes(new Shape[] {new Shape(f.get(0), f.get(1))});
    }
}
