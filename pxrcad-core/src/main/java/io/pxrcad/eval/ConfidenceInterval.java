package io.pxrcad.eval;

/**
 * A point estimate with a two-sided confidence interval at {@code level} (e.g. 0.95).
 * Bounds may be NaN when no resample defined the statistic.
 */
public record ConfidenceInterval(double estimate, double low, double high, double level) {
    public ConfidenceInterval {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0,1) but was " + level);
        if (low > high) throw new IllegalArgumentException("low must be <= high but was " + low + " > " + high);
    }
}
