package io.pxrcad.model;

import io.pxrcad.artifact.NetworkConfig;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A network of the method: a {@link Backbone} (parameter names as torchvision's, see
 * {@code TorchNames}) and a small head. Input {@code (N,3,H,W)} float32, ImageNet-normalised.
 * What {@code forward} returns is documented by each subclass; the first element is always what
 * the loss needs.
 */
public abstract class Network extends AbstractBlock {
    private final NetworkConfig config;
    private final Backbone backbone;
    private final List<Block> heads = new ArrayList<>();

    Network(NetworkConfig config) {
        this.config = config;
        this.backbone = addChildBlock(TorchNames.TRANSPARENT, Backbones.of(config.backbone()));
    }

    /** Adds a head that reads a {@code (N,C)} or {@code (N,C,h,w)} feature (see {@link #pooledHeads()}). */
    final <B extends Block> B head(String name, B block) {
        heads.add(addChildBlock(name, block));
        return block;
    }

    /** True when the heads read pooled {@code (N,C)} features, false for a {@code (N,C,h,w)} map. */
    abstract boolean pooledHeads();

    /** Output of the heads given the backbone's feature map {@code (N,C,h,w)}. */
    abstract NDList heads(ParameterStore ps, NDList features, boolean training, PairList<String, Object> p);

    public final NetworkConfig config() { return config; }

    public final Backbone backbone() { return backbone; }

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        return heads(ps, backbone.forward(ps, in, training, p), training, p);
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape f = backbone.getOutputShapes(inputShapes)[0];
        Shape headIn = pooledHeads() ? new Shape(f.get(0), f.get(1)) : f;
        for (Block h : heads) {
            h.initialize(manager, dataType, headIn);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape f = backbone.getOutputShapes(in)[0];
        Shape[] out = new Shape[outputCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = i == 0 && !pooledHeads() ? new Shape(f.get(0), 1, f.get(2), f.get(3)) : new Shape(f.get(0), 1);
        }
        return out;
    }

    abstract int outputCount();
}
