package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void lseOfLogitsBceIsTheCrossEntropyOfTheSigmoidOfThePooledLogits() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            float[] z0 = {2f, -1f, 0.5f, -3f}, z1 = {-2f, -2f, -2f, -0.5f};
            NDArray z = nd.create(concat(z0, z1), new Shape(2, 1, 2, 2));
            NDArray y = nd.create(new float[] {1f, 0f}, new Shape(2, 1));
            double p0 = sigmoid(LsePooling.lse(z0, 10f)), p1 = sigmoid(LsePooling.lse(z1, 10f));
            double expected = -(Math.log(p0) + Math.log(1 - p1)) / 2;
            assertThat((double) Losses.lseOfLogitsBce(z, 10f, y).getFloat()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void lseOfLogitsBceKeepsItsGradientWhereTheProbabilityWouldSaturate() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            // a negative image scored with logit 40: sigmoid rounds to exactly 1 in float, so the BCE of
            // probabilities is clamped at 100 with no gradient; from logits the loss is 40 and the gradient ~1
            NDArray z = nd.create(new float[] {40f, 40f, 40f, 40f}, new Shape(1, 1, 2, 2));
            NDArray y = nd.create(new float[] {0f}, new Shape(1, 1));
            z.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                loss = Losses.lseOfLogitsBce(z, 10f, y);
                gc.backward(loss);
            }
            assertThat(loss.getFloat()).isCloseTo(40f, within(1e-3f));
            float sum = 0;
            for (float g : z.getGradient().toFloatArray()) sum += g;
            assertThat(sum).isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void negativeCellBceScoresEveryCellOfTheNegativesOnly() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            float[] neg = {0f, 2f, -2f, 1f}, pos = {5f, 5f, 5f, 5f};
            NDArray z = nd.create(concat(neg, pos), new Shape(2, 1, 2, 2));
            NDArray y = nd.create(new float[] {0f, 1f}, new Shape(2, 1));
            double cells = 0;
            for (float v : neg) cells -= Math.log(1 - sigmoid(v));
            // one negative of two images: its mean cell loss, divided by the batch size
            assertThat((double) Losses.negativeCellBce(z, y).getFloat()).isCloseTo(cells / 4 / 2, within(1e-5));
            NDArray allPositive = nd.create(new float[] {1f, 1f}, new Shape(2, 1));
            assertThat(Losses.negativeCellBce(z, allPositive).getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void maskedCellBceWeighsEachImageOnceOverItsMaskedCellsOnly() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            float[] neg = {0f, 2f, -2f, 1f}, pos = {3f, -1f, 7f, -4f}, none = {9f, 9f, 9f, 9f};
            NDArray z = nd.create(concat(concat(neg, pos), none), new Shape(3, 1, 2, 2));
            // a negative (all cells -> 0), a positive with cells 0 and 3 chosen (-> 1), an image without targets
            NDArray t = nd.create(new float[] {0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0}, new Shape(3, 4));
            NDArray m = nd.create(new float[] {1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0}, new Shape(3, 4));
            double negative = 0;
            for (float v : neg) negative -= Math.log(1 - sigmoid(v));
            double positive = -(Math.log(sigmoid(3)) + Math.log(sigmoid(-4))) / 2;
            double expected = (negative / 4 + positive) / 3;
            assertThat((double) Losses.maskedCellBce(z, t, m).getFloat()).isCloseTo(expected, within(1e-5));

            z.setRequiresGradient(true);
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                gc.backward(Losses.maskedCellBce(z, t, m));
            }
            float[] g = z.getGradient().toFloatArray();
            // unmasked cells get no gradient; the chosen positive cells are pushed up, the negative's down
            assertThat(new float[] {g[5], g[6], g[8], g[9], g[10], g[11]}).containsOnly(0f);
            assertThat(g[4]).isNegative();
            assertThat(g[1]).isPositive();
            assertThatThrownBy(() -> Losses.maskedCellBce(z, nd.zeros(new Shape(3, 5)), nd.zeros(new Shape(3, 5))))
                    .hasMessageContaining("(N,h*w)");
        }
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
