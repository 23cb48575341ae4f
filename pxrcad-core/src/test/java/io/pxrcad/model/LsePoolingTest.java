package io.pxrcad.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LsePoolingTest {
    private static float[] randomMap(Random rnd, int n) {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) m[i] = rnd.nextFloat();
        return m;
    }

    private static double mean(float[] m) {
        double s = 0;
        for (float v : m) s += v;
        return s / m.length;
    }

    private static double max(float[] m) {
        double s = Double.NEGATIVE_INFINITY;
        for (float v : m) s = Math.max(s, v);
        return s;
    }

    @Test
    void liesBetweenMeanAndMaxAndTendsToThemAtTheLimits() {
        Random rnd = new Random(1);
        for (int t = 0; t < 50; t++) {
            float[] m = randomMap(rnd, 1 + rnd.nextInt(100));
            for (float r : new float[] {0.1f, 1f, 10f, 100f}) {
                float l = LsePooling.lse(m, r);
                assertThat((double) l).isBetween(mean(m) - 1e-6, max(m) + 1e-6);
            }
            assertThat((double) LsePooling.lse(m, 1e-5f)).isCloseTo(mean(m), within(1e-4));
            assertThat((double) LsePooling.lse(m, 1e6f)).isCloseTo(max(m), within(1e-4));
        }
    }

    @Test
    void ndArrayVersionEqualsJavaTwin() {
        Random rnd = new Random(2);
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            float[] data = randomMap(rnd, 2 * 3 * 5 * 7);
            NDArray x = nd.create(data, new Shape(2, 3, 5, 7));
            float[] pooled = LsePooling.lse(x, 10f).toFloatArray();
            assertThat(pooled).hasSize(6);
            for (int c = 0; c < 6; c++) {
                float[] map = new float[35];
                System.arraycopy(data, c * 35, map, 0, 35);
                assertThat(pooled[c]).isCloseTo(LsePooling.lse(map, 10f), within(1e-5f));
            }
        }
    }

    @Test
    void finiteForExtremeInputs() {
        float[][] cases = {{1e30f, -1e30f, 0f}, {-1e30f, -1e30f}, {3e37f, 0f}, {0f}, {1f, 1f, 1f}, {-5e3f, 7e3f}};
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            for (float[] c : cases) {
                for (float r : new float[] {1e-3f, 1f, 10f}) {
                    assertThat(LsePooling.lse(c, r)).as("java r=%s", r).isFinite();
                    NDArray x = nd.create(c, new Shape(1, 1, 1, c.length));
                    float v = LsePooling.lse(x, r).getFloat();
                    assertThat(v).as("ndarray r=%s", r).isFinite();
                    assertThat((double) v).isBetween(mean(c) - Math.abs(mean(c)) * 1e-5 - 1e-3, max(c) + Math.abs(max(c)) * 1e-5 + 1e-3);
                }
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        float r = 10f;
        float[] p = randomMap(rnd, 12);
        float[] grad;
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = nd.create(p, new Shape(1, 1, 3, 4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                gc.backward(LsePooling.lse(x, r).sum());
            }
            grad = x.getGradient().toFloatArray();
        }
        // analytic: softmax(r p)_k; check against central differences of the double twin
        double h = 1e-3;
        for (int k = 0; k < p.length; k++) {
            float[] plus = p.clone();
            float[] minus = p.clone();
            plus[k] += (float) h;
            minus[k] -= (float) h;
            double fd = (LsePooling.lse(plus, r) - LsePooling.lse(minus, r)) / (plus[k] - minus[k]);
            assertThat((double) grad[k]).as("d/dp[%d]", k).isCloseTo(fd, within(2e-3));
        }
        double sum = 0;
        for (float g : grad) sum += g;
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void rejectsBadR() {
        assertThatThrownBy(() -> LsePooling.lse(new float[] {1f}, 0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r must be");
    }
}
