package io.pxrcad.model;

import io.pxrcad.artifact.NetworkConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
 * <p>{@code forward} returns {@code [lse (N,1), map (N,1,h,w), features (N,C)]}: the LSE-pooled
 * image probability with the configured {@code r} (what the BCE loss of stage 1 takes) and the
 * probability map {@code p[i,j]} (whose maximum is the stage-1 score {@code ps1}), both float32 in
 * [0,1], and the backbone feature map averaged over each cell of a {@link #GRID} x {@link #GRID} grid
 * ({@code (N, C*GRID*GRID)} float32, >= 0 after the final ReLU; {@link #gridPooled}),
 * which {@link FeatureStatistics} compares with the training images'. The third output is read off
 * the features the map is computed from; it changes neither the map nor the loss. In training mode
 * a fourth output follows: the map's logits {@code (N,1,h,w)}, for {@link Losses#lseOfLogitsBce}.
 */
public final class MilFcn extends Network {
    /** Side of the grid the feature map is pooled to for the third output. */
    public static final int GRID = io.pxrcad.artifact.FeatureStatistics.GRID;
    private final Block mil;

    MilFcn(NetworkConfig config) {
        super(config);
        mil = head("mil", Layers.convHead(1));
    }

    @Override
    boolean pooledHeads() { return false; }

    @Override
    int outputCount() { return 3; }

    @Override
    NDList heads(ParameterStore ps, NDList features, boolean training, PairList<String, Object> p) {
        NDArray logits = mil.forward(ps, features, training, p).head();
        NDArray map = Activation.sigmoid(logits);
        NDList out = new NDList(LsePooling.lse(map, config().lseR()), map, gridPooled(features.head()));
        // the loss may pool the logits instead (Losses.lseOfLogitsBce); inference never needs them
        if (training) out.add(logits);
        return out;
    }

    /**
     * Adaptive average pooling of {@code (N,C,h,w)} to a {@code GRID x GRID} grid of cells (bins as
     * torch's {@code adaptive_avg_pool2d}: rows {@code floor(i*h/G) .. ceil((i+1)*h/G)}), flattened
     * channel-major to {@code (N, C*G*G)}: what the image looks like where, not only on average,
     * so that a chest or a hand differs from a pelvis in layout as well as in texture.
     */
    static NDArray gridPooled(NDArray f) {
        long h = f.getShape().get(2), w = f.getShape().get(3);
        NDList cells = new NDList();
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                long r0 = i * h / GRID, r1 = ((i + 1) * h + GRID - 1) / GRID;
                long c0 = j * w / GRID, c1 = ((j + 1) * w + GRID - 1) / GRID;
                // PyTorch's mean takes one axis at a time here
                cells.add(f.get(new NDIndex(":, :, {}:{}, {}:{}", r0, r1, c0, c1)).mean(new int[] {3}).mean(new int[] {2}, true));
            }
        }
        return NDArrays.concat(cells, 2).reshape(f.getShape().get(0), -1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape[] s = super.getOutputShapes(in);
        Shape map = s[0];
        Shape f = backbone().getOutputShapes(in)[0];
        return new Shape[] {new Shape(map.get(0), 1), map, new Shape(f.get(0), f.get(1) * GRID * GRID)};
    }
}
