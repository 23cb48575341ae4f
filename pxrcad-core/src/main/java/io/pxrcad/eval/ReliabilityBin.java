package io.pxrcad.eval;

/**
 * One non-empty bin of a reliability curve: images whose probability lies in
 * {@code [lower, upper)} (the last bin includes 1).
 */
public record ReliabilityBin(double lower, double upper, int count, double meanPredicted, double fractionPositive) {
    public ReliabilityBin {
        if (count <= 0) throw new IllegalArgumentException("count must be > 0 but was " + count);
    }
}
