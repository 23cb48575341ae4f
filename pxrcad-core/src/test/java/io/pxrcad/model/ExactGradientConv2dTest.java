package io.pxrcad.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The convolution's output, input gradient and weight gradient against a double-precision
 * reference, on shapes whose input gradient oneDNN gets wrong without the padding: 12 output
 * channels under AVX2, 8 and 24 under AVX-512 (both kernels 3x3 and 7x7; stride 1 and 2).
 */
class ExactGradientConv2dTest {

    @ParameterizedTest(name = "{0} filters, {1}x{1} stride {2}, batch {3}, {4} channels of {5}x{5}")
    @CsvSource({
        "8, 3, 1, 2, 16, 7", "8, 3, 1, 4, 32, 4", "12, 3, 1, 2, 16, 5", "24, 3, 1, 2, 64, 7",
        "8, 3, 2, 2, 16, 9", "12, 7, 1, 1, 8, 16", "24, 7, 2, 2, 8, 16", "40, 3, 1, 2, 32, 8",
        "32, 3, 1, 2, 16, 7", "4, 1, 1, 2, 16, 7",
    })
    void gradientsMatchTheReference(int filters, int k, int stride, int n, int c, int hw) {
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(7);
            Block conv = Layers.conv(filters, k, stride, k / 2);
            conv.initialize(m, DataType.FLOAT32, new Shape(n, c, hw, hw));
            NDArray w = conv.getParameters().get("weight").getArray();
            w.setRequiresGradient(true);
            NDArray x = m.randomNormal(new Shape(n, c, hw, hw));
            x.setRequiresGradient(true);
            NDArray y;
            NDArray u;
            try (GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                y = conv.forward(new ParameterStore(m, false), new NDList(x), true).head();
                u = m.randomNormal(y.getShape());
                gc.backward(y.mul(u).sum());
            }
            Reference r = new Reference(x.toFloatArray(), w.toFloatArray(), u.toFloatArray(), n, c, hw, filters, k, stride, (int) y.getShape().get(2));
            assertThat(y.getShape()).isEqualTo(new Shape(n, filters, r.out, r.out));
            assertClose("output", y.toFloatArray(), r.y);
            assertClose("input gradient", x.getGradient().toFloatArray(), r.gx);
            assertClose("weight gradient", w.getGradient().toFloatArray(), r.gw);
        }
    }

    @Test
    void inferenceIsThePlainConvolution() {
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(3);
            Block conv = Layers.conv(12, 3, 1, 1);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 16, 8, 8));
            NDArray x = m.randomNormal(new Shape(2, 16, 8, 8));
            NDArray w = conv.getParameters().get("weight").getArray();
            NDArray plain = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).head();
            assertThat(conv.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray())
                    .containsExactly(plain.toFloatArray());
        }
    }

    @Test
    void padsOnlyKernelsAboveOneByOneToTheVectorWidth() {
        assertThat(ExactGradientConv2d.padded(8, new Shape(3, 3), 16)).isEqualTo(16);
        assertThat(ExactGradientConv2d.padded(24, new Shape(3, 3), 16)).isEqualTo(32);
        assertThat(ExactGradientConv2d.padded(32, new Shape(7, 7), 16)).isEqualTo(32);
        assertThat(ExactGradientConv2d.padded(12, new Shape(3, 3), 8)).isEqualTo(16);
        assertThat(ExactGradientConv2d.padded(8, new Shape(3, 3), 8)).isEqualTo(8);
        assertThat(ExactGradientConv2d.padded(1, new Shape(1, 1), 16)).isEqualTo(1);
    }

    @Test
    void vectorWidthFollowsTheCapAndTheCpu() {
        assertThat(OneDnnVectorWidth.of(null, true)).isEqualTo(16);
        assertThat(OneDnnVectorWidth.of("AVX512_CORE", true)).isEqualTo(16);
        assertThat(OneDnnVectorWidth.of("avx2", true)).isEqualTo(8);
        assertThat(OneDnnVectorWidth.of(null, false)).isEqualTo(8);
    }

    private static void assertClose(String what, float[] actual, double[] expected) {
        double scale = 0;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Float.isFinite(actual[i])).as(what + "[" + i + "] finite").isTrue();
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]").isLessThanOrEqualTo(1e-5 * scale);
        }
    }

    /** Direct convolution in double precision: output, and the gradients of sum(y * u). */
    private static final class Reference {
        final int out;
        final double[] y;
        final double[] gx;
        final double[] gw;

        Reference(float[] x, float[] w, float[] u, int n, int c, int hw, int filters, int k, int stride, int out) {
            this.out = out;
            int pad = k / 2;
            y = new double[n * filters * out * out];
            gx = new double[x.length];
            gw = new double[w.length];
            for (int b = 0; b < n; b++) for (int o = 0; o < filters; o++) for (int i = 0; i < out; i++) for (int j = 0; j < out; j++) {
                int yi = ((b * filters + o) * out + i) * out + j;
                for (int ci = 0; ci < c; ci++) for (int a = 0; a < k; a++) for (int d = 0; d < k; d++) {
                    int r = i * stride - pad + a;
                    int q = j * stride - pad + d;
                    if (r < 0 || q < 0 || r >= hw || q >= hw) continue;
                    int xi = ((b * c + ci) * hw + r) * hw + q;
                    int wi = ((o * c + ci) * k + a) * k + d;
                    y[yi] += (double) x[xi] * w[wi];
                    gx[xi] += (double) u[yi] * w[wi];
                    gw[wi] += (double) u[yi] * x[xi];
                }
            }
        }
    }
}
