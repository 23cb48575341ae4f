package io.pxrcad.infer;

import java.util.Locale;

/**
 * The reading band of a final probability against the model's two operating thresholds:
 * {@code none} below {@code suspicious} (95% recall on validation), {@code suspicious} up to
 * {@code fracture} (95% specificity), {@code fracture} at or above it; {@code out-of-scope} for an
 * image the model was not made for, whatever its probability (see {@link Detection#inScope()}).
 */
public enum Band {
    NONE, SUSPICIOUS, FRACTURE, OUT_OF_SCOPE;

    /** {@code none}, {@code suspicious}, {@code fracture}, {@code out-of-scope}. */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    static Band of(double probability, Double suspicious, Double fracture) {
        if (fracture != null && probability >= fracture) return FRACTURE;
        if (suspicious != null && probability >= suspicious) return SUSPICIOUS;
        return NONE;
    }
}
