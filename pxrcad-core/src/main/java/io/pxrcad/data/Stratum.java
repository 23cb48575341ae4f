package io.pxrcad.data;

import io.pxrcad.FractureType;

/** The strata that splits balance: negatives, hip, pelvic, positives without a type. */
public enum Stratum {
    NEGATIVE, HIP, PELVIC, POSITIVE_UNTYPED;

    public static Stratum of(ManifestEntry e) {
        if (!e.positive()) return NEGATIVE;
        return e.type().map(t -> t == FractureType.HIP ? HIP : PELVIC).orElse(POSITIVE_UNTYPED);
    }
}
