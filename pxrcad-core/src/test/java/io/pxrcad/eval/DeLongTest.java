package io.pxrcad.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fast midrank algorithm against DeLong's definition computed pair by pair (O(mn)). */
class DeLongTest {
    @Test
    void varianceAndPairedTestMatchTheQuadraticDefinition() {
        Random r = new Random(7);
        int n = 120;
        int[] y = new int[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.4 ? 1 : 0;
            a[i] = Math.round((y[i] * 0.8 + r.nextGaussian()) * 4) / 4.0; // coarse: many ties
            b[i] = 0.5 * a[i] + Math.round((y[i] * 0.5 + r.nextGaussian()) * 4) / 4.0;
        }
        BinaryScores da = BinaryScores.of(a, y);
        BinaryScores db = BinaryScores.of(b, y);
        Naive na = Naive.of(a, y);
        Naive nb = Naive.of(b, y);
        assertThat(DeLong.estimate(da).auc()).isCloseTo(na.auc, within(1e-12));
        assertThat(DeLong.estimate(da).variance()).isCloseTo(na.variance(na), within(1e-12));
        PairedAucTest t = DeLong.compare(da, db);
        double var = na.variance(na) + nb.variance(nb) - 2 * na.variance(nb);
        assertThat(t.aucA()).isCloseTo(na.auc, within(1e-12));
        assertThat(t.aucB()).isCloseTo(nb.auc, within(1e-12));
        assertThat(t.variance()).isCloseTo(var, within(1e-12));
        assertThat(t.z()).isCloseTo((na.auc - nb.auc) / Math.sqrt(var), within(1e-9));
        assertThat(t.pValue()).isCloseTo(2 * Normal.cdf(-Math.abs(t.z())), within(1e-15));
    }

    @Test
    void identicalColumnsDoNotDiffer() {
        BinaryScores d = BinaryScores.of(new double[]{0.1, 0.4, 0.35, 0.8}, new int[]{0, 0, 1, 1});
        PairedAucTest t = DeLong.compare(d, d);
        assertThat(t.difference()).isZero();
        assertThat(t.z()).isZero();
        assertThat(t.pValue()).isEqualTo(1.0);
    }

    @Test
    void normalDistributionKnownValues() {
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-14));
        assertThat(Normal.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-14));
        assertThat(Normal.cdf(-3)).isCloseTo(0.0013498980316300946, within(1e-15));
        assertThat(Normal.cdf(-8) / 6.220960574271785e-16).isCloseTo(1, within(1e-9));
        assertThat(Normal.twoSidedP(1.959963984540054)).isCloseTo(0.05, within(1e-13));
    }

    /** Structural components by their definition: psi(x, y) = 1, 1/2, 0. */
    private record Naive(double auc, double[] v10, double[] v01) {
        static Naive of(double[] s, int[] y) {
            int m = 0;
            for (int v : y) m += v;
            int n = s.length - m;
            double[] v10 = new double[m];
            double[] v01 = new double[n];
            double total = 0;
            int i = 0;
            for (int p = 0; p < s.length; p++) {
                if (y[p] != 1) continue;
                int j = 0;
                for (int q = 0; q < s.length; q++) {
                    if (y[q] != 0) continue;
                    double psi = s[p] > s[q] ? 1 : s[p] == s[q] ? 0.5 : 0;
                    v10[i] += psi / n;
                    v01[j] += psi / m;
                    total += psi;
                    j++;
                }
                i++;
            }
            return new Naive(total / ((double) m * n), v10, v01);
        }

        /** DeLong covariance of this AUC with another on the same images. */
        double variance(Naive o) {
            return DeLong.sampleCovariance(v10, o.v10) / v10.length + DeLong.sampleCovariance(v01, o.v01) / v01.length;
        }
    }
}
