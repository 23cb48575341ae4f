package io.pxrcad.image;

import io.pxrcad.Radiograph;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreprocessorTest {
    private final Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(8));

    @Test
    void percentileScalingClipsTheTails() {
        // values 0..999: p0.5 = 4.995, p99.5 = 994.005 (linear interpolation)
        float[] px = new float[1000];
        for (int i = 0; i < px.length; i++) px[i] = i;
        float[] u = pre.scaleToUnit(new Radiograph(40, 25, px, 16, "PNG"));
        double lo = 4.995, hi = 994.005;
        assertThat(u[0]).isZero();
        assertThat(u[4]).isZero();
        assertThat(u[999]).isEqualTo(1f);
        assertThat(u[995]).isEqualTo(1f);
        assertThat((double) u[500]).isCloseTo((500 - lo) / (hi - lo), within(1e-6));
        for (float v : u) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void constantImageGivesZerosNotNaN() {
        float[] u = pre.scaleToUnit(new Radiograph(4, 4, new float[16], 8, "PNG"));
        assertThat(u).containsOnly(0f);
        float[] in = pre.toInput(new Radiograph(4, 4, new float[16], 8, "PNG"));
        for (float v : in) assertThat(Float.isNaN(v)).isFalse();
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        float[] sorted = {1, 2, 3, 4};
        assertThat(Preprocessor.percentile(sorted, 50)).isEqualTo(2.5);
        assertThat(Preprocessor.percentile(sorted, 0)).isEqualTo(1);
        assertThat(Preprocessor.percentile(sorted, 100)).isEqualTo(4);
    }

    @Test
    void histogramAndSortGiveTheSamePercentiles() {
        java.util.Random r = new java.util.Random(4);
        for (int n : new int[] {1, 2, 7, 1000, 4097}) {
            float[] ints = new float[n];
            for (int i = 0; i < n; i++) ints[i] = r.nextInt(n < 100 ? 5 : 65536);
            float[] sorted = ints.clone();
            java.util.Arrays.sort(sorted);
            for (double p : new double[] {0, 0.5, 37.3, 99.5, 100}) {
                // integer input takes the histogram path; compare with the sorted definition
                assertThat(Preprocessor.percentiles(ints, p, p)[0]).as("n=%d p=%s", n, p)
                        .isCloseTo(Preprocessor.percentile(sorted, p), within(1e-9));
            }
        }
        float[] fractional = {0.5f, -2f, 3.25f, 1f};
        assertThat(Preprocessor.percentiles(fractional, 0, 100)).containsExactly(-2.0, 3.25);
    }

    @Test
    void resizeAreaAveragesWhenShrinking() {
        float[] img = {1, 3, 5, 7, 2, 4, 6, 8}; // 4x2
        float[] out = Preprocessor.resize(img, 4, 2, 2, 1);
        assertThat(out).containsExactly((1 + 3 + 2 + 4) / 4f, (5 + 7 + 6 + 8) / 4f);
        // non-integer factor keeps the mean of a ramp
        float[] ramp = new float[9];
        for (int i = 0; i < 9; i++) ramp[i] = i;
        float[] r = Preprocessor.resize(ramp, 9, 1, 4, 1);
        double mean = 0;
        for (float v : r) mean += v / 4;
        assertThat(mean).isCloseTo(4.0, within(1e-5));
        assertThat((double) r[0]).isCloseTo((0 + 1 + 0.25 * 2) / 2.25, within(1e-5));
    }

    @Test
    void resizeBilinearWhenGrowing() {
        float[] out = Preprocessor.resize(new float[] {0, 4}, 2, 1, 4, 1);
        // half-pixel centres: output centres at input x = -0.25, 0.25, 0.75, 1.25 (clamped)
        assertThat(out).containsExactly(0f, 1f, 3f, 4f);
        float[] same = {1, 2, 3, 4};
        assertThat(Preprocessor.resize(same, 2, 2, 2, 2)).containsExactly(same);
    }

    @Test
    void inputIsChwNormalisedPerChannel() {
        float[] g = new float[64];
        g[9] = 1f;
        float[] in = pre.toInput(g, 8);
        assertThat(in).hasSize(3 * 64);
        float[] mean = PreprocessConfig.IMAGENET_MEAN, std = PreprocessConfig.IMAGENET_STD;
        for (int c = 0; c < 3; c++) {
            assertThat((double) in[c * 64]).isCloseTo(-mean[c] / std[c], within(1e-6));
            assertThat((double) in[c * 64 + 9]).isCloseTo((1 - mean[c]) / std[c], within(1e-6));
        }
        assertThatThrownBy(() -> pre.toInput(new float[10], 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 64");
    }

    @Test
    void wholeRadiographToSquareInput() {
        float[] px = new float[30 * 20];
        for (int y = 0; y < 20; y++) for (int x = 0; x < 30; x++) px[y * 30 + x] = x < 15 ? 100 : 4000;
        float[] in = pre.toInput(new Radiograph(30, 20, px, 16, "PNG"));
        assertThat(in).hasSize(3 * 64);
        float[] mean = PreprocessConfig.IMAGENET_MEAN, std = PreprocessConfig.IMAGENET_STD;
        // left half dark (0), right half bright (1) after scaling and resizing
        assertThat((double) in[0]).isCloseTo(-mean[0] / std[0], within(1e-5));
        assertThat((double) in[7]).isCloseTo((1 - mean[0]) / std[0], within(1e-5));
    }

    @Test
    void configDefaultsAndValidation() {
        PreprocessConfig c = new PreprocessConfig();
        assertThat(c.imageSize()).isEqualTo(961);
        assertThat(c.lowPercentile()).isEqualTo(0.5);
        assertThat(c.highPercentile()).isEqualTo(99.5);
        assertThat(c).isEqualTo(PreprocessConfig.ofSize(961));
        assertThatThrownBy(() -> PreprocessConfig.ofSize(0)).hasMessageContaining("imageSize must be > 0 but was 0");
    }
}
