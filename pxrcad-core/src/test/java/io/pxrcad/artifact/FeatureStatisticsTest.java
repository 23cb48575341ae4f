package io.pxrcad.artifact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The statistics and threshold arithmetic of the out-of-scope check, on hand-computed cases (no DJL). */
class FeatureStatisticsTest {
    static final float R = (float) Math.sqrt(0.5);

    @Test
    void principalAxesOfKnownData() {
        // points spread along (1,1,0)/sqrt2 (variance 4) and along z (variance 1), none along (1,-1,0)
        double[][] x = {{2, 2, 1}, {-2, -2, -1}, {2, 2, -1}, {-2, -2, 1}};
        for (double[] row : x) { row[0] *= R; row[1] *= R; }
        PrincipalAxes pa = PrincipalAxes.of(x, 3, 100);
        assertThat((double) pa.variances()[0]).isCloseTo(4, within(1e-5));
        assertThat((double) pa.variances()[1]).isCloseTo(1, within(1e-5));
        assertThat((double) pa.variances()[2]).isCloseTo(0, within(1e-5));
        assertThat((double) Math.abs(pa.axes()[0][0] + pa.axes()[0][1])).isCloseTo(Math.sqrt(2), within(1e-4));
        assertThat((double) Math.abs(pa.axes()[1][2])).isCloseTo(1, within(1e-4));
    }

    @Test
    void distanceIsTheShrunkMahalanobisDistanceByHand() {
        // the same data: mean 0, covariance eigenvalues 4 (axis a=(1,1,0)/sqrt2), 1 (z), 0 (b=(1,-1,0)/sqrt2); tau = 5/3
        List<float[]> train = new ArrayList<>();
        for (float[] p : new float[][] {{2, 2, 1}, {-2, -2, -1}, {2, 2, -1}, {-2, -2, 1}}) {
            train.add(new float[] {p[0] * R, p[1] * R, p[2]});
        }
        FeatureStatistics s = FeatureStatistics.fit("t", train, List.of(new float[] {0, 0, 0.5f}));
        assertThat(s.axisVariances()).hasSize(3); // min(COMPONENTS, n - 1, d)
        assertThat(s.meanVariance()).isCloseTo(5.0 / 3, within(1e-6));
        double sh = FeatureStatistics.SHRINKAGE, tau = 5.0 / 3;
        // u = 1 along b: variance (1-s)*0 + s*tau
        float[] alongB = {R, -R, 0};
        assertThat(s.distance(alongB)).isCloseTo(Math.sqrt(1 / (sh * tau) / 3), within(1e-4));
        // u = 2 along a: variance (1-s)*4 + s*tau
        float[] alongA = {2 * R, 2 * R, 0};
        assertThat(s.distance(alongA)).isCloseTo(Math.sqrt(4 / ((1 - sh) * 4 + sh * tau) / 3), within(1e-4));
        // the same length off the data's axes is much farther: the point of a full (not diagonal) covariance
        assertThat(s.distance(new float[] {2 * R, -2 * R, 0})).isGreaterThan(4 * s.distance(alongA));
        assertThat(s.distance(new float[] {0, 0, 0})).isZero();
        assertThat(s.trainImages()).isEqualTo(4);
        assertThat(s.validationImages()).isEqualTo(1);
        // one validation image: its distance is the threshold (times the margin)
        assertThat(s.threshold()).isCloseTo(FeatureStatistics.MARGIN * s.distance(new float[] {0, 0, 0.5f}), within(1e-9));
    }

    @Test
    void thresholdIsAPercentileOfTheValidationDistances() {
        List<float[]> train = List.of(new float[] {-1}, new float[] {1});
        List<float[]> val = new ArrayList<>();
        for (int i = 0; i <= 100; i++) val.add(new float[] {i / 10f});
        FeatureStatistics s = FeatureStatistics.fit("t", train, val);
        assertThat(s.axisVariances()).hasSize(1).containsExactly(1f);
        // one dimension with variance 1 along the axis: the distance is |f|; too few training images to
        // cross-fit, so the validation distances alone: numpy.percentile(np.arange(101) / 10, p) == p / 10
        assertThat(s.distance(new float[] {3})).isCloseTo(3, within(1e-5));
        assertThat(s.threshold()).isCloseTo(FeatureStatistics.PERCENTILE / 10 * FeatureStatistics.MARGIN, within(1e-4));
        assertThat(s.within(new float[] {(float) (FeatureStatistics.PERCENTILE / 10 - 0.1)})).isTrue();
        assertThat(s.within(new float[] {-10f})).isFalse();
        assertThat(s.reason(12.345)).isEqualTo(String.format(java.util.Locale.ROOT,
                "image features outside the training distribution (distance 12.35 > threshold %.2f)", s.threshold()));
        assertThat(FeatureStatistics.percentile(new double[] {3, 1, 2}, 50)).isEqualTo(2);
        assertThat(FeatureStatistics.percentile(new double[] {1, 2}, 99)).isCloseTo(1.99, within(1e-12));
    }

    @Test
    void theThresholdAlsoCountsTrainingImagesScoredWithoutTheirFold() {
        Random r = new Random(9);
        List<float[]> train = new ArrayList<>();
        for (int i = 0; i < 30; i++) train.add(new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) (2 * r.nextGaussian())});
        List<float[]> val = List.of(new float[] {0.5f, -0.5f, 1f});
        FeatureStatistics s = FeatureStatistics.fit("t", train, val);
        double[] held = new double[31];
        held[0] = s.distance(val.get(0));
        int j = 1;
        for (int f = 0; f < FeatureStatistics.FOLDS; f++) {
            List<float[]> in = new ArrayList<>(), out = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) (i % FeatureStatistics.FOLDS == f ? out : in).add(train.get(i));
            FeatureStatistics without = FeatureStatistics.fit("t", in, List.of());
            for (float[] v : out) held[j++] = without.distance(v);
        }
        assertThat(s.threshold()).isCloseTo(FeatureStatistics.MARGIN * FeatureStatistics.percentile(held, FeatureStatistics.PERCENTILE), within(1e-9));
        assertThat(s.validationImages()).isEqualTo(1);
        assertThat(s.trainImages()).isEqualTo(30);
    }

    @Test
    void imagesOfTheTrainingDistributionStayWithinAndAShiftedOneDoesNot() {
        Random r = new Random(5);
        List<float[]> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            float[] f = new float[32];
            double common = r.nextGaussian();
            for (int c = 0; c < 32; c++) f[c] = (float) (c + 3 * common + 0.3 * r.nextGaussian());
            (i < 300 ? train : i < 400 ? val : test).add(f);
        }
        FeatureStatistics s = FeatureStatistics.fit("t", train, val);
        long within = test.stream().filter(s::within).count();
        assertThat(within).isGreaterThanOrEqualTo(185); // about 95% of 200: the threshold is a 95th percentile
        float[] shifted = test.get(0).clone();
        for (int c = 0; c < 16; c++) shifted[c] += 1.5f; // against the features' common direction
        for (int c = 16; c < 32; c++) shifted[c] -= 1.5f;
        assertThat(s.within(shifted)).isFalse();
    }

    @Test
    void refusesInconsistentStatistics() {
        float[][] axis = {{1, 0}};
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0, 1}, axis, new float[] {1, 2}, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 axes, 2 variances");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0}, axis, new float[] {1}, 1, 1, 1, 1))
                .hasMessageContaining("axis 0 must have 1 dimensions but had 2");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0, 0}, new float[][] {{1, 1}}, new float[] {1}, 1, 1, 1, 1))
                .hasMessageContaining("unit vector");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {Float.NaN, 0}, axis, new float[] {1}, 1, 1, 1, 1))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0, 0}, axis, new float[] {1}, 0, 1, 1, 1))
                .hasMessageContaining("mean variance must be > 0 but was 0");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0, 0}, axis, new float[] {1}, 1, -1, 1, 1))
                .hasMessageContaining("threshold must be > 0 but was -1");
        assertThatThrownBy(() -> new FeatureStatistics("t", new float[] {0, 0}, axis, new float[] {1}, 1, 1, 1, 1).distance(new float[3]))
                .hasMessageContaining("expected a feature vector of 2 dimensions but got 3");
        assertThatThrownBy(() -> FeatureStatistics.fit("t", List.of(), List.of())).hasMessageContaining("at least one");
    }

    @Test
    void isAnImmutableValue() {
        float[] m = {1, 2};
        float[][] axes = {{1, 0}};
        FeatureStatistics s = new FeatureStatistics("t", m, axes, new float[] {2}, 1, 1, 3, 2);
        m[0] = 9;
        axes[0][0] = 0;
        s.mean()[1] = 9;
        s.axes()[0][1] = 9;
        assertThat(s).isEqualTo(new FeatureStatistics("t", new float[] {1, 2}, new float[][] {{1, 0}}, new float[] {2}, 1, 1, 3, 2));
    }
}
