package io.pxrcad;

import java.util.SplittableRandom;

/**
 * Independent seeds derived from the run seed and a path such as {@code (stage, epoch, index)}.
 * Each batch, augmentation or shuffle takes its randomness from its own derived generator, never
 * from a shared {@code Random}, so results do not depend on thread timing and a resumed run draws
 * exactly what an uninterrupted one would. The one seeding helper of training and mining
 * ({@code RoiSampler}); the phantom generator keeps its own keyed streams, so that published
 * cohorts stay the same.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A seed for {@code path} under {@code seed}; different paths give statistically independent seeds. */
    public static long derive(long seed, long... path) {
        long h = seed;
        for (long part : path) {
            // SplittableRandom.nextLong() applies the MurmurHash3 finaliser: a strong 64-bit mixer
            h = new SplittableRandom(h + GOLDEN_GAMMA * (part + 1)).nextLong();
        }
        return h;
    }

    /** The seed of one epoch of one stage (e.g. for the shuffle order). */
    public static long forEpoch(long seed, int stage, int epoch) {
        return derive(seed, stage, epoch);
    }

    /** The seed of item {@code index} of one epoch of one stage (e.g. for its augmentation). */
    public static long forItem(long seed, int stage, int epoch, long index) {
        return derive(seed, stage, epoch, index);
    }

    /** A generator seeded by {@link #derive}. */
    public static SplittableRandom random(long seed, long... path) {
        return new SplittableRandom(derive(seed, path));
    }

    /** A permutation of {@code 0..n-1} (Fisher-Yates) drawn from {@code random}: an epoch's shuffle order. */
    public static int[] permutation(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 but was " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
