package io.pxrcad.model;

import io.pxrcad.artifact.NetworkConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The image-level baselines of Table 1: backbone feature map {@code (N,C,h,w)} -> global average or
 * LSE pooling per channel {@code (N,C)} -> linear (parameters {@code head.*}) -> sigmoid.
 * ResNet18-GAP, ResNet18-LSE, CheXNet (DenseNet-121 + GAP), Wang et al. (DenseNet-121 + LSE).
 *
 * <p>{@code forward} returns {@code [prob (N,1)]} float32 in [0,1].
 */
public final class PooledClassifier extends Network {
    private final Block head;

    PooledClassifier(NetworkConfig config) {
        super(config);
        head = head("head", Layers.linear(1));
    }

    @Override
    boolean pooledHeads() { return true; }

    @Override
    int outputCount() { return 1; }

    @Override
    NDList heads(ParameterStore ps, NDList features, boolean training, PairList<String, Object> p) {
        NDArray f = features.head();
        NDArray pooled = config().role() == NetworkConfig.Role.BASELINE_LSE
                ? LsePooling.lse(f, config().lseR()) : LsePooling.gap(f);
        return new NDList(Activation.sigmoid(head.forward(ps, new NDList(pooled), training, p).head()));
    }
}
