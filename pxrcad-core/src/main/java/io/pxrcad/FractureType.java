package io.pxrcad;

import java.util.Locale;

/** The two fracture types of the paper: hip (proximal femur) and pelvic (pelvic ring, acetabulum). */
public enum FractureType {
    HIP, PELVIC;

    /** {@code hip} or {@code pelvic}, as written in manifests and outputs. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code hip} / {@code pelvic} (case-insensitive). */
    public static FractureType parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "hip" -> HIP;
            case "pelvic" -> PELVIC;
            default -> throw new IllegalArgumentException("expected type hip or pelvic but was '" + s + "'");
        };
    }
}
