package io.pxrcad.model;

import io.pxrcad.artifact.NetworkConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Stage 2 (METHOD.md): the localised ROI classifier. Backbone (ResNet-18 by default) on the ROI
 * {@code (N,3,roiInput,roiInput)} -> GAP {@code (N,C)} -> linear {@code fracture.*} -> sigmoid, and
 * with {@link NetworkConfig#typeOutput()} a second linear {@code type.*} -> sigmoid.
 *
 * <p>{@code forward} returns {@code [fracture (N,1)]} or {@code [fracture (N,1), type (N,1)]},
 * float32 in [0,1]; {@code type} is P(pelvic) (1 - P(hip)), meaningful on positive ROIs only.
 */
public final class RoiClassifier extends Network {
    private final Block fracture;
    private final Block type;

    RoiClassifier(NetworkConfig config) {
        super(config);
        fracture = head("fracture", Layers.linear(1));
        type = config.typeOutput() ? head("type", Layers.linear(1)) : null;
    }

    @Override
    boolean pooledHeads() { return true; }

    @Override
    int outputCount() { return type == null ? 1 : 2; }

    @Override
    NDList heads(ParameterStore ps, NDList features, boolean training, PairList<String, Object> p) {
        NDList pooled = new NDList(LsePooling.gap(features.head()));
        NDArray f = Activation.sigmoid(fracture.forward(ps, pooled, training, p).head());
        if (type == null) {
            return new NDList(f);
        }
        return new NDList(f, Activation.sigmoid(type.forward(ps, pooled, training, p).head()));
    }
}
