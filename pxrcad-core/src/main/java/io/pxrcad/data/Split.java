package io.pxrcad.data;

import java.util.Locale;

/** The part of a fold an image belongs to, as written in the manifest's {@code split} column. */
public enum Split {
    TRAIN, VAL, TEST;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Split parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> TRAIN;
            case "val", "validation" -> VAL;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("expected split train, val or test but was '" + s + "'");
        };
    }
}
