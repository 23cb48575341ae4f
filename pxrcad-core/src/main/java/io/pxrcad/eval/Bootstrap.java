package io.pxrcad.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded, stratified, percentile bootstrap (Efron and Tibshirani 1993, ch. 13). Each of
 * {@code resamples} replicates draws, within every stratum, as many indices as the stratum
 * holds, with replacement; the interval is the {@code (1-level)/2} and {@code (1+level)/2}
 * percentiles of the replicate statistics (linear interpolation, numpy's default). Replicates
 * on which the statistic is NaN are left out. Same seed, same data: same interval.
 */
public record Bootstrap(int resamples, long seed, double level) {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 20190101L;

    public Bootstrap {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be > 0 but was " + resamples);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0,1) but was " + level);
    }

    /** 2000 resamples, 95% interval, a fixed seed. */
    public static Bootstrap defaults() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95);
    }

    public Bootstrap withSeed(long newSeed) { return new Bootstrap(resamples, newSeed, level); }

    /** CI of a metric of binary scores, resampling positives and negatives separately. */
    public ConfidenceInterval interval(BinaryScores data, ToDoubleFunction<BinaryScores> metric) {
        double estimate = metric.applyAsDouble(data);
        double[] reps = replicates(data.labelsView(), idx -> metric.applyAsDouble(data.select(idx)));
        return percentile(estimate, reps);
    }

    /**
     * CI of any statistic of a resample. {@code strata[i]} is the stratum of item i (any ints);
     * the statistic receives the resampled item indices (repeats allowed) and the identity
     * {@code 0..n-1} for the point estimate.
     */
    public ConfidenceInterval interval(int[] strata, ToDoubleFunction<int[]> statistic) {
        int[] identity = new int[strata.length];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        return percentile(statistic.applyAsDouble(identity), replicates(strata, statistic));
    }

    /** The replicate statistics, NaNs included, in draw order. */
    public double[] replicates(int[] strata, ToDoubleFunction<int[]> statistic) {
        if (strata.length == 0) throw new InvalidScoresException("expected at least one item to resample but got none");
        List<int[]> groups = groups(strata);
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[resamples];
        int[] idx = new int[strata.length];
        for (int r = 0; r < resamples; r++) {
            int k = 0;
            for (int[] g : groups) {
                for (int j = 0; j < g.length; j++) idx[k++] = g[random.nextInt(g.length)];
            }
            out[r] = statistic.applyAsDouble(idx.clone());
        }
        return out;
    }

    /** Percentile interval of the non-NaN replicates around {@code estimate}. */
    public ConfidenceInterval percentile(double estimate, double[] replicates) {
        double[] v = Arrays.stream(replicates).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, level);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(estimate, quantile(v, alpha), quantile(v, 1 - alpha), level);
    }

    /** numpy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static List<int[]> groups(int[] strata) {
        int[] keys = Arrays.stream(strata).distinct().sorted().toArray();
        List<int[]> out = new ArrayList<>(keys.length);
        for (int key : keys) {
            out.add(java.util.stream.IntStream.range(0, strata.length).filter(i -> strata[i] == key).toArray());
        }
        return out;
    }
}
