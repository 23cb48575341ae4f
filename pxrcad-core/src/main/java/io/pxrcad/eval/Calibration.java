package io.pxrcad.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of probabilities in [0,1]: the reliability curve over {@code bins} equal-width
 * bins (scikit-learn's {@code calibration_curve(strategy="uniform")}: bin edges
 * {@code k/bins}, empty bins left out), the expected calibration error
 * {@code ECE = sum_b (n_b / N) |fractionPositive_b - meanPredicted_b|} (Guo et al. 2017) and
 * the Brier score {@code mean((p - y)^2)}.
 */
public record Calibration(int binCount, double ece, double brier, List<ReliabilityBin> bins) {
    public static final int DEFAULT_BINS = 10;

    public Calibration {
        if (binCount < 1) throw new IllegalArgumentException("bins must be >= 1 but was " + binCount);
        bins = List.copyOf(bins);
    }

    /** @throws InvalidScoresException if a score is outside [0,1] or there are no scores */
    public static Calibration of(BinaryScores data, int binCount) {
        if (binCount < 1) throw new IllegalArgumentException("bins must be >= 1 but was " + binCount);
        checkProbabilities(data);
        double[] edges = new double[binCount + 1];
        double step = 1.0 / binCount;
        for (int k = 0; k < binCount; k++) edges[k] = k * step;
        edges[binCount] = 1.0;
        int[] count = new int[binCount];
        double[] sumP = new double[binCount];
        double[] sumY = new double[binCount];
        double brier = 0;
        for (int i = 0; i < data.size(); i++) {
            double p = data.score(i);
            int b = bin(edges, p);
            count[b]++;
            sumP[b] += p;
            sumY[b] += data.label(i);
            brier += (p - data.label(i)) * (p - data.label(i));
        }
        List<ReliabilityBin> out = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            if (count[b] == 0) continue;
            double meanP = sumP[b] / count[b];
            double frac = sumY[b] / count[b];
            ece += count[b] * Math.abs(frac - meanP);
            out.add(new ReliabilityBin(edges[b], edges[b + 1], count[b], meanP, frac));
        }
        return new Calibration(binCount, ece / data.size(), brier / data.size(), out);
    }

    /** Brier score alone: {@code mean((p - y)^2)}; defined on one-class sets too. */
    public static double brier(BinaryScores data) {
        checkProbabilities(data);
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            double d = data.score(i) - data.label(i);
            s += d * d;
        }
        return s / data.size();
    }

    /** Index of the bin holding p: the number of interior edges {@code <= p} (numpy searchsorted, right). */
    private static int bin(double[] edges, double p) {
        int b = 0;
        while (b < edges.length - 2 && edges[b + 1] <= p) b++;
        return b;
    }

    private static void checkProbabilities(BinaryScores data) {
        if (data.size() == 0) throw new InvalidScoresException("expected at least one score but got none");
        for (int i = 0; i < data.size(); i++) {
            double p = data.score(i);
            if (p < 0 || p > 1) {
                throw new InvalidScoresException("calibration needs probabilities: expected a score in [0,1] but was "
                        + p + " at index " + i);
            }
        }
    }
}
