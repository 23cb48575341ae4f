package io.pxrcad.infer;

import java.util.Locale;

/**
 * The reading band of a final probability against the model's two operating thresholds:
 * {@code none} below {@code suspicious} (95% recall on validation), {@code suspicious} up to
 * {@code fracture} (95% specificity), {@code fracture} at or above it.
 */
public enum Band {
    NONE, SUSPICIOUS, FRACTURE;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    static Band of(double probability, Double suspicious, Double fracture) {
        if (fracture != null && probability >= fracture) return FRACTURE;
        if (suspicious != null && probability >= suspicious) return SUSPICIOUS;
        return NONE;
    }
}
