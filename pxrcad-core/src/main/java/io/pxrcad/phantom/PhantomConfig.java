package io.pxrcad.phantom;

/**
 * How a synthetic cohort is drawn. Values are validated here so that a generator never
 * starts with an impossible setting.
 *
 * @param size             width and height of every image in pixels (64..4096)
 * @param seed             cohort seed: case {@code i} depends only on {@code (seed, i)}
 * @param fractureRate     share of patients with a fracture, in [0, 1]
 * @param hipShare         share of hip fractures among positive patients, in [0, 1]
 * @param difficulty       0 = obvious fractures, 1 = subtle (narrow, undisplaced, faint)
 * @param secondImageShare share of patients who have two images, in [0, 1]
 */
public record PhantomConfig(int size, long seed, double fractureRate, double hipShare,
                            double difficulty, double secondImageShare) {
    public PhantomConfig {
        if (size < 64 || size > 4096) throw new IllegalArgumentException("size must be in 64..4096 but was " + size);
        unit("fractureRate", fractureRate);
        unit("hipShare", hipShare);
        unit("difficulty", difficulty);
        unit("secondImageShare", secondImageShare);
    }

    /** 512 px, seed 1, fracture rate 0.6, hip share 0.7, difficulty 0.5, 20% of patients with two images. */
    public static PhantomConfig defaults() {
        return new PhantomConfig(512, 1, 0.6, 0.7, 0.5, 0.2);
    }

    public PhantomConfig withSize(int s) { return new PhantomConfig(s, seed, fractureRate, hipShare, difficulty, secondImageShare); }
    public PhantomConfig withSeed(long s) { return new PhantomConfig(size, s, fractureRate, hipShare, difficulty, secondImageShare); }
    public PhantomConfig withFractureRate(double r) { return new PhantomConfig(size, seed, r, hipShare, difficulty, secondImageShare); }
    public PhantomConfig withHipShare(double h) { return new PhantomConfig(size, seed, fractureRate, h, difficulty, secondImageShare); }
    public PhantomConfig withDifficulty(double d) { return new PhantomConfig(size, seed, fractureRate, hipShare, d, secondImageShare); }
    public PhantomConfig withSecondImageShare(double s) { return new PhantomConfig(size, seed, fractureRate, hipShare, difficulty, s); }

    private static void unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1] but was " + v);
    }
}
