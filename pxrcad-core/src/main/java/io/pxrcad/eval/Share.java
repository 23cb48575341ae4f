package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A proportion with its counts, e.g. ROI label accuracy 405/438 (METHOD.md "Evaluation").
 * {@code value} is NaN when nothing could be counted ({@code total} 0).
 */
public record Share(@JsonProperty("hits") int hits, @JsonProperty("total") int total, @JsonProperty("value") double value) {
    public Share {
        if (hits < 0 || total < 0 || hits > total) {
            throw new IllegalArgumentException("expected 0 <= hits <= total but was " + hits + "/" + total);
        }
    }

    public static Share of(int hits, int total) {
        return new Share(hits, total, total == 0 ? Double.NaN : (double) hits / total);
    }

    /** {@code 0.925 (405/438)}, or {@code – (0/0)}. */
    public String format() {
        return (total == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.3f", value)) + " (" + hits + "/" + total + ")";
    }
}
