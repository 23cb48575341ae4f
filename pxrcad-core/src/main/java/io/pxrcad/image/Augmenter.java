package io.pxrcad.image;

import java.util.Objects;
import java.util.Random;

/**
 * Seeded training augmentation on a square {@code [0,1]} image: a random affine transform
 * (rotation, isotropic scale, translation about the image centre) applied by inverse
 * mapping with bilinear sampling (outside the source: 0, black), then
 * {@code v' = (v - 0.5) * c + 0.5 + b}, clipped to [0,1], then with probability
 * {@code horizontalFlip} a left-right mirror. The random draws are always made in the same order
 * (angle, scale, tx, ty, brightness, contrast, flip), so the same {@link Random} state gives the
 * same output. Thread-safe (stateless apart from the config).
 */
public final class Augmenter {
    private final AugmentConfig config;

    public Augmenter(AugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AugmentConfig config() { return config; }

    /** An augmented image and whether it was mirrored left-right (so that cell targets can follow it). */
    public record Augmented(float[] pixels, boolean mirrored) {}

    /**
     * @param gray01 {@code size*size} floats in [0,1], row-major
     * @param rng    the source of randomness (seeded by the caller)
     * @return a new {@code size*size} array in [0,1]
     */
    public float[] apply(float[] gray01, int size, Random rng) {
        return applyTracked(gray01, size, rng).pixels();
    }

    /** {@link #apply}, also saying whether the image was mirrored; the same draws, so the same pixels. */
    public Augmented applyTracked(float[] gray01, int size, Random rng) {
        if (gray01.length != size * size) {
            throw new IllegalArgumentException("expected " + (size * size) + " pixels for " + size + "x" + size
                    + " but got " + gray01.length);
        }
        double angle = Math.toRadians(uniform(rng, config.rotationDeg()));
        double zoom = 1 + uniform(rng, config.scale());
        double tx = uniform(rng, config.translate()) * size;
        double ty = uniform(rng, config.translate()) * size;
        float b = (float) uniform(rng, config.brightness());
        float c = (float) (1 + uniform(rng, config.contrast()));
        boolean flip = rng.nextDouble() < config.horizontalFlip();
        float[] out = config.isIdentityTransform() ? gray01.clone() : transform(gray01, size, angle, zoom, tx, ty, b, c);
        return new Augmented(flip ? mirror(out, size) : out, flip);
    }

    private static float[] transform(float[] gray01, int size, double angle, double zoom, double tx, double ty, float b, float c) {
        // output point p = R*zoom*(q - centre) + centre + t  =>  q = R^-1 (p - centre - t) / zoom + centre
        double cos = Math.cos(angle) / zoom, sin = Math.sin(angle) / zoom;
        double centre = size / 2.0;
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            double dy = y + 0.5 - centre - ty;
            for (int x = 0; x < size; x++) {
                double dx = x + 0.5 - centre - tx;
                double sx = cos * dx + sin * dy + centre - 0.5;
                double sy = -sin * dx + cos * dy + centre - 0.5;
                float v = (sample(gray01, size, sx, sy) - 0.5f) * c + 0.5f + b;
                out[y * size + x] = v < 0 ? 0 : v > 1 ? 1 : v;
            }
        }
        return out;
    }

    private static float[] mirror(float[] img, int size) {
        float[] out = new float[img.length];
        for (int y = 0; y < size; y++) {
            int row = y * size;
            for (int x = 0; x < size; x++) out[row + x] = img[row + size - 1 - x];
        }
        return out;
    }

    private static double uniform(Random rng, double max) {
        return (rng.nextDouble() * 2 - 1) * max;
    }

    /** Bilinear sample at pixel-centre coordinates; pixels outside the image count as 0. */
    private static float sample(float[] img, int n, double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        float fx = (float) (x - x0), fy = (float) (y - y0);
        return (1 - fy) * ((1 - fx) * at(img, n, x0, y0) + fx * at(img, n, x0 + 1, y0))
                + fy * ((1 - fx) * at(img, n, x0, y0 + 1) + fx * at(img, n, x0 + 1, y0 + 1));
    }

    private static float at(float[] img, int n, int x, int y) {
        return x < 0 || y < 0 || x >= n || y >= n ? 0f : img[y * n + x];
    }
}
