package io.pxrcad.cli;

import java.util.Arrays;

/** The median the benchmarks report (their machines are noisy, so a mean would mislead). */
final class Median {
    private Median() {}

    /** The median of {@code values} (mean of the middle two for an even count), NaN for none; {@code values} is not changed. */
    static double of(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** The 95th percentile by nearest rank (the largest of fewer than 20 values), NaN for none. */
    static double p95(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(0.95 * s.length) - 1)];
    }
}
