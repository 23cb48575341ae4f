package io.pxrcad.image;

/**
 * Input preprocessing of METHOD.md "Input": percentile intensity scaling, resize to a square
 * of side {@code imageSize}, three channels, ImageNet normalisation.
 *
 * @param imageSize      side of the square model input in pixels (paper: 961)
 * @param lowPercentile  intensity percentile mapped to 0, in percent (default 0.5)
 * @param highPercentile intensity percentile mapped to 1, in percent (default 99.5)
 * @param mean           per-channel mean subtracted after scaling (ImageNet, RGB order)
 * @param std            per-channel standard deviation divided by (ImageNet, RGB order)
 */
public record PreprocessConfig(int imageSize, double lowPercentile, double highPercentile, float[] mean, float[] std) {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public PreprocessConfig {
        if (imageSize <= 0) throw new IllegalArgumentException("imageSize must be > 0 but was " + imageSize);
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("expected 0 <= lowPercentile < highPercentile <= 100 but was "
                    + lowPercentile + ", " + highPercentile);
        }
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std must have 3 values (RGB)");
        }
        for (float s : std) {
            if (!(s > 0)) throw new IllegalArgumentException("std must be > 0 but was " + s);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The paper's defaults: 961, 0.5 / 99.5 percentiles, ImageNet mean/std. */
    public PreprocessConfig() {
        this(961, 0.5, 99.5, IMAGENET_MEAN, IMAGENET_STD);
    }

    /** The defaults at another input size. */
    public static PreprocessConfig ofSize(int imageSize) {
        return new PreprocessConfig(imageSize, 0.5, 99.5, IMAGENET_MEAN, IMAGENET_STD);
    }

    public PreprocessConfig withImageSize(int size) {
        return new PreprocessConfig(size, lowPercentile, highPercentile, mean, std);
    }

    @Override public float[] mean() { return mean.clone(); }
    @Override public float[] std() { return std.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessConfig p && p.imageSize == imageSize && p.lowPercentile == lowPercentile
                && p.highPercentile == highPercentile && java.util.Arrays.equals(p.mean, mean)
                && java.util.Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(imageSize, lowPercentile, highPercentile,
                java.util.Arrays.hashCode(mean), java.util.Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "PreprocessConfig[imageSize=" + imageSize + ", percentiles=" + lowPercentile + "/" + highPercentile
                + ", mean=" + java.util.Arrays.toString(mean) + ", std=" + java.util.Arrays.toString(std) + "]";
    }
}
