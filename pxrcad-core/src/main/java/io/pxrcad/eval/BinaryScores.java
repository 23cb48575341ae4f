package io.pxrcad.eval;

import java.util.Arrays;

/**
 * Validated scores and binary labels of one set of images, the input of every binary metric.
 * Immutable: the arrays are copied in and never handed out. A higher score means "more likely
 * positive"; an image is predicted positive at threshold {@code t} when {@code score >= t}
 * (scikit-learn's convention).
 *
 * <p>Validation: equal lengths (else {@link IllegalArgumentException}, a caller mistake);
 * finite scores and labels in {0,1} (else {@link InvalidScoresException}). One-class sets are
 * allowed here, because some metrics (Brier score) are defined on them; metrics that need both
 * classes check with {@link #requireBothClasses(String)}.
 */
public final class BinaryScores {
    private final double[] scores;
    private final int[] labels;
    private final int positives;
    /** Indices sorted by descending score (stable), computed once. */
    private final int[] descending;

    private BinaryScores(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("expected as many scores as labels but got "
                    + scores.length + " scores and " + labels.length + " labels");
        }
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new InvalidScoresException("expected a finite score but was " + scores[i] + " at index " + i);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidScoresException("expected label 0 or 1 but was " + labels[i] + " at index " + i);
            }
            pos += labels[i];
        }
        this.scores = scores;
        this.labels = labels;
        this.positives = pos;
        this.descending = Ranks.descendingOrder(scores);
    }

    /** Scores (any finite reals) and labels (0/1) of the same images, same order. */
    public static BinaryScores of(double[] scores, int[] labels) {
        return new BinaryScores(scores.clone(), labels.clone());
    }

    /** As {@link #of(double[], int[])}; float scores are widened exactly. */
    public static BinaryScores of(float[] scores, int[] labels) {
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) d[i] = scores[i];
        return new BinaryScores(d, labels.clone());
    }

    /** Trusted constructor for resamples built from already validated data. */
    static BinaryScores trusted(double[] scores, int[] labels) {
        return new BinaryScores(scores, labels);
    }

    public int size() { return scores.length; }
    public int positives() { return positives; }
    public int negatives() { return scores.length - positives; }
    public double score(int i) { return scores[i]; }
    public int label(int i) { return labels[i]; }
    public double[] scores() { return scores.clone(); }
    public int[] labels() { return labels.clone(); }

    /** Indices by descending score; ties keep their input order. Package-private: not copied. */
    int[] descendingOrder() { return descending; }
    double[] scoresView() { return scores; }
    int[] labelsView() { return labels; }

    /** The subset at the given indices (repeats allowed: bootstrap resamples). */
    public BinaryScores select(int[] indices) {
        double[] s = new double[indices.length];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            s[k] = scores[indices[k]];
            l[k] = labels[indices[k]];
        }
        return new BinaryScores(s, l);
    }

    /** Throws {@link InvalidScoresException} naming the metric unless both classes are present. */
    public void requireBothClasses(String metric) {
        if (positives == 0 || positives == scores.length) {
            throw new InvalidScoresException(metric + " is undefined with only one class: expected positive and "
                    + "negative labels but got " + positives + " positive and " + negatives() + " negative of "
                    + scores.length);
        }
    }

    /** True when every score lies in [0,1], so calibration metrics apply. */
    public boolean areProbabilities() {
        for (double s : scores) {
            if (s < 0 || s > 1) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "BinaryScores[n=" + scores.length + ", positives=" + positives + ", scores="
                + Arrays.toString(Arrays.copyOf(scores, Math.min(5, scores.length))) + (scores.length > 5 ? "...]" : "]");
    }
}
