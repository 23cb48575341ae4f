package io.pxrcad.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Batch norm updates its running statistics as torch's BatchNorm2d (momentum 0.1). */
class BatchNormMomentumTest {
    @Test
    void runningMeanMovesOneTenthTowardsTheBatchMean() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            Block bn = Layers.bn();
            bn.initialize(nd, DataType.FLOAT32, new Shape(2, 1, 2, 2));
            bn.forward(new ParameterStore(nd, false), new NDList(nd.full(new Shape(2, 1, 2, 2), 5f)), true);
            float runningMean = TorchNames.of(bn).get("running_mean").getArray().getFloat(0);
            assertThat(runningMean).isCloseTo(0.5f, within(1e-6f));
        }
    }
}
