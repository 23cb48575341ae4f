package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Stage 1 (METHOD.md): the weakly supervised MIL fully-convolutional network. Backbone feature map
 * {@code (N,C,h,w)} -> 1x1 convolution to one channel (parameters {@code mil.weight}, {@code mil.bias})
 * -> sigmoid.
 *
 * <p>{@code forward} returns {@code [lse (N,1), map (N,1,h,w)]}, both float32 in [0,1]: the LSE-pooled
 * image probability with the configured {@code r} (what the BCE loss of stage 1 takes) and the
 * probability map {@code p[i,j]} (whose maximum is the stage-1 score {@code ps1}).
 */
public final class MilFcn extends Network {
    private final Block mil;

    MilFcn(NetworkConfig config) {
        super(config);
        mil = head("mil", Layers.convHead(1));
    }

    @Override
    boolean pooledHeads() { return false; }

    @Override
    int outputCount() { return 2; }

    @Override
    NDList heads(ParameterStore ps, NDList features, boolean training, PairList<String, Object> p) {
        NDArray map = Activation.sigmoid(mil.forward(ps, features, training, p).head());
        return new NDList(LsePooling.lse(map, config().lseR()), map);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape[] s = super.getOutputShapes(in);
        Shape map = s[0];
        return new Shape[] {new Shape(map.get(0), 1), map};
    }
}
