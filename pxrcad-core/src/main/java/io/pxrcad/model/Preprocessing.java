package io.pxrcad.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The preprocessing a model was trained with (METHOD.md, Input), stored in {@code model.json} so
 * that inference applies exactly the same: percentile scaling to [0,1], resize to a square of
 * side {@code imageSize}, 3 channels, normalisation with {@code mean}/{@code std} per channel.
 */
public record Preprocessing(int imageSize, double lowPercentile, double highPercentile, float[] mean, float[] std) {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public Preprocessing {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("imageSize must be > 0 but was " + imageSize);
        }
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("expected 0 <= lowPercentile < highPercentile <= 100 but were "
                    + lowPercentile + ", " + highPercentile);
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std must have 3 entries");
        }
        for (float s : std) {
            if (!(s > 0)) throw new IllegalArgumentException("std entries must be > 0 but was " + s);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** METHOD.md defaults at the given image size: percentiles 0.5/99.5, ImageNet mean/std. */
    public static Preprocessing imageNet(int imageSize) {
        return new Preprocessing(imageSize, 0.5, 99.5, IMAGENET_MEAN, IMAGENET_STD);
    }

    @Override
    public float[] mean() { return mean.clone(); }

    @Override
    public float[] std() { return std.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && imageSize == p.imageSize
                && Double.compare(lowPercentile, p.lowPercentile) == 0 && Double.compare(highPercentile, p.highPercentile) == 0
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(imageSize, lowPercentile, highPercentile, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "Preprocessing[imageSize=" + imageSize + ", percentiles=" + lowPercentile + "/" + highPercentile
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
