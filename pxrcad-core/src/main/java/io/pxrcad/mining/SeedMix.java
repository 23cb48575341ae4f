package io.pxrcad.mining;

import java.util.SplittableRandom;

/**
 * Derives an independent seed from a run seed and a path of indices. Same formula as
 * {@code io.pxrcad.train.Seeds}, repeated here because mining must not depend on train.
 */
final class SeedMix {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedMix() {}

    static long derive(long seed, long... path) {
        long h = seed;
        for (long part : path) {
            // SplittableRandom.nextLong() applies the MurmurHash3 finaliser: a strong 64-bit mixer
            h = new SplittableRandom(h + GOLDEN_GAMMA * (part + 1)).nextLong();
        }
        return h;
    }
}
