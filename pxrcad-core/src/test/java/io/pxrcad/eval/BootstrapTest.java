package io.pxrcad.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {
    private static BinaryScores sample(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            s[i] = y[i] + r.nextGaussian();
        }
        return BinaryScores.of(s, y);
    }

    @Test
    void seededStratifiedAndAgreesWithDeLong() {
        BinaryScores data = sample(300, 3);
        Bootstrap b = new Bootstrap(1000, 11, 0.95);
        ConfidenceInterval ci = b.interval(data, d -> RocCurve.of(d).auc());
        ConfidenceInterval again = b.interval(data, d -> RocCurve.of(d).auc());
        assertThat(again).isEqualTo(ci);
        assertThat(b.withSeed(12).interval(data, d -> RocCurve.of(d).auc())).isNotEqualTo(ci);
        assertThat(ci.estimate()).isEqualTo(RocCurve.of(data).auc());
        assertThat(ci.low()).isLessThan(ci.estimate());
        assertThat(ci.high()).isGreaterThan(ci.estimate());
        // The bootstrap and DeLong intervals estimate the same spread; they agree to a few thousandths.
        AucEstimate d = DeLong.estimate(data);
        assertThat(ci.low()).isCloseTo(d.ciLow(), within(0.02));
        assertThat(ci.high()).isCloseTo(d.ciHigh(), within(0.02));
        // Stratified: every resample keeps the class counts, so one-class resamples never occur.
        double[] reps = b.replicates(data.labels(), idx -> data.select(idx).positives());
        for (double p : reps) assertThat(p).isEqualTo(data.positives());
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3);
        ConfidenceInterval ci = new Bootstrap(5, 0, 0.95).percentile(3, new double[]{5, Double.NaN, 1, 3, 2, 4});
        assertThat(ci.low()).isCloseTo(1.1, within(1e-12));
        assertThat(ci.high()).isCloseTo(4.9, within(1e-12));
    }
}
