package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossesTest {
    @Test
    void bceIsThePositiveMeanCrossEntropy() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray p = nd.create(new float[] {0.9f, 0.2f, 0.6f}, new Shape(3, 1));
            NDArray y = nd.create(new float[] {1f, 0f, 0f}, new Shape(3, 1));
            double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
            assertThat((double) Losses.bce(p, y).getFloat()).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void saturatedProbabilitiesGiveTorchsClampedLossAndFiniteGradients() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray p = nd.create(new float[] {0f, 1f, 1f, 0f}, new Shape(4, 1));
            NDArray y = nd.create(new float[] {1f, 0f, 1f, 0f}, new Shape(4, 1));
            p.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                loss = Losses.bce(p, y);
                gc.backward(loss);
            }
            assertThat(loss.getFloat()).isCloseTo(50f, within(1e-4f)); // (100 + 100 + 0 + 0) / 4 as torch's BCELoss
            for (float g : p.getGradient().toFloatArray()) assertThat(g).isFinite();
        }
    }

    @Test
    void maskedL1AveragesTheAbsoluteErrorOverMaskedPixelsOnly() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            Shape s = new Shape(1, 1, 2, 2);
            NDArray pred = nd.create(new float[] {0.5f, 0.9f, -1f, 7f}, s);
            NDArray target = nd.create(new float[] {0.2f, 0.1f, 0f, 0f}, s);
            NDArray mask = nd.create(new float[] {1f, 1f, 1f, 0f}, s);
            // (0.3 + 0.8 + 1.0) / 3; the unmasked error of 7 does not count
            assertThat(Losses.maskedL1(pred, target, mask).getFloat()).isCloseTo(0.7f, within(1e-6f));
            assertThat(Losses.maskedL1(pred, target, mask.zerosLike()).getFloat()).isZero();
        }
    }

    @Test
    void maskedBceAveragesOverMaskedEntriesAndIsZeroWhenEmpty() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray p = nd.create(new float[] {0.9f, 0.3f, 0.01f}, new Shape(3, 1));
            NDArray y = nd.create(new float[] {1f, 1f, 1f}, new Shape(3, 1));
            NDArray mask = nd.create(new float[] {1f, 1f, 0f}, new Shape(3, 1));
            double expected = -(Math.log(0.9) + Math.log(0.3)) / 2;
            assertThat((double) Losses.maskedBce(p, y, mask).getFloat()).isCloseTo(expected, within(1e-6));

            p.setRequiresGradient(true);
            NDArray empty = nd.zeros(new Shape(3, 1));
            NDArray loss;
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                loss = Losses.maskedBce(p, y, empty);
                gc.backward(loss);
            }
            assertThat(loss.getFloat()).isEqualTo(0f);
            assertThat(p.getGradient().toFloatArray()).containsOnly(0f);
        }
    }
}
