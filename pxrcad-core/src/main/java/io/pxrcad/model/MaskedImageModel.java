package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Masked-image modelling on a convolutional backbone, SimMIM (Xie et al. 2022) with its
 * one-layer prediction head: the backbone's feature map {@code (N,C,h,w)} has one cell per
 * {@code patch x patch} square of the input ({@code patch} = the backbone's total stride); a 1x1
 * convolution (parameters {@code decoder.weight}, {@code decoder.bias}) predicts the
 * {@code patch*patch} grey values of each cell's square, and depth-to-space (torch's
 * {@code pixel_shuffle}) lays them out as an image.
 *
 * <p>{@code forward}: input {@code (N,3,H,W)} float32, ImageNet-normalised, {@code H} and {@code W}
 * multiples of {@link #patch()} -> {@code [reconstruction (N,1,H,W)]} float32, unbounded (trained
 * towards grey values in [0,1]). The backbone's parameters are named as in every {@link Network}
 * (torchvision's), so {@link WeightExport#save} of {@link #backbone()} writes a file that
 * {@link WeightImport#loadBackbone} loads into a network of the same architecture; the decoder is
 * only needed while pretraining.
 */
public final class MaskedImageModel extends AbstractBlock {
    private final Backbone backbone;
    private final Block decoder;
    private final int patch;

    private MaskedImageModel(Architecture architecture) {
        BackboneSpec spec = Backbones.spec(architecture);
        this.patch = spec.stride();
        this.backbone = addChildBlock(TorchNames.TRANSPARENT, spec.features(architecture));
        this.decoder = addChildBlock("decoder", Layers.convHead(patch * patch));
    }

    /** An initialised model (the networks' initialisation, see {@link Networks}) on {@code device}. Must be closed. */
    public static Model newModel(Architecture architecture, Device device) {
        return Networks.newModel("pretrain-" + architecture.id(), new MaskedImageModel(architecture), device);
    }

    /** The block of a model made by {@link #newModel}. */
    public static MaskedImageModel of(Model model) {
        if (!(model.getBlock() instanceof MaskedImageModel m)) {
            throw new IllegalArgumentException("expected a model made by MaskedImageModel.newModel");
        }
        return m;
    }

    public Backbone backbone() { return backbone; }

    /** Side in input pixels of the square one feature-map cell reconstructs: the backbone's total stride. */
    public int patch() { return patch; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        NDList features = backbone.forward(ps, in, training, p);
        return new NDList(depthToSpace(decoder.forward(ps, features, training, p).head(), patch));
    }

    /**
     * torch's {@code pixel_shuffle} for one output channel: {@code (N,r*r,h,w) -> (N,1,h*r,w*r)},
     * {@code out[n,0,y*r+i,x*r+j] = in[n,i*r+j,y,x]}.
     */
    static NDArray depthToSpace(NDArray x, int r) {
        Shape s = x.getShape();
        long n = s.get(0), h = s.get(2), w = s.get(3);
        if (s.get(1) != (long) r * r) {
            throw new IllegalArgumentException("expected " + (r * r) + " channels for patch " + r + " but the shape was " + s);
        }
        return x.reshape(n, r, r, h, w).transpose(0, 3, 1, 4, 2).reshape(n, 1, h * r, w * r);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape f = backbone.getOutputShapes(in)[0];
        return new Shape[] {new Shape(f.get(0), 1, f.get(2) * patch, f.get(3) * patch)};
    }
}
