package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mean and sample standard deviation ({@code n - 1} denominator) of a metric over folds.
 * {@code sd} is NaN for a single value.
 */
public record MeanSd(@JsonProperty("mean") double mean, @JsonProperty("sd") double sd, @JsonProperty("n") int n) {
    public MeanSd {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1 but was " + n);
    }

    public static MeanSd of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("expected at least one value but got none");
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        if (values.length == 1) return new MeanSd(mean, Double.NaN, 1);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        return new MeanSd(mean, Math.sqrt(ss / (values.length - 1)), values.length);
    }

    /** {@code 0.946 ± 0.012} with the given number of decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(java.util.Locale.ROOT, f, mean) + (Double.isNaN(sd) ? "" : " ± "
                + String.format(java.util.Locale.ROOT, f, sd));
    }
}
