package io.pxrcad.phantom;

import java.util.SplittableRandom;

/** Independent random streams keyed by (cohort seed, index, purpose), so that any case can be rendered alone. */
final class Seeds {
    static final int PLAN = 1, PATIENT = 2, PATIENT_MIMICS = 3, IMAGE = 4, NOISE = 5, TEXTURE = 6;

    private Seeds() {}

    static SplittableRandom stream(long seed, long index, int purpose) {
        return new SplittableRandom(mix(mix(mix(seed) ^ index) ^ (purpose * 0x9E3779B97F4A7C15L)));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
