package io.pxrcad.eval;

import io.pxrcad.FractureType;

import java.util.Locale;

/** A three-class answer of the reader study (METHOD.md): hip fracture, pelvic fracture, or none. */
public enum FractureAnswer {
    HIP, PELVIC, NONE;

    /** {@code hip}, {@code pelvic} or {@code none}, as written in reads files. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The answer for a fracture type; {@code null} means no fracture. */
    public static FractureAnswer of(FractureType type) {
        return type == null ? NONE : type == FractureType.HIP ? HIP : PELVIC;
    }

    /** Parses {@code hip} / {@code pelvic} / {@code none} (case-insensitive), or returns null. */
    static FractureAnswer parseOrNull(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "hip" -> HIP;
            case "pelvic" -> PELVIC;
            case "none" -> NONE;
            default -> null;
        };
    }

    /** Parses {@code hip} / {@code pelvic} / {@code none} (case-insensitive). */
    public static FractureAnswer parse(String s) {
        FractureAnswer a = parseOrNull(s);
        if (a == null) throw new IllegalArgumentException("expected answer hip, pelvic or none but was '" + s + "'");
        return a;
    }
}
