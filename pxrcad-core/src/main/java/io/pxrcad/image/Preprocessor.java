package io.pxrcad.image;

import io.pxrcad.Radiograph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a radiograph into the model input of METHOD.md "Input": intensities scaled to [0,1]
 * by the low/high percentiles (clipped), resized to a square {@code S x S} (non-uniformly,
 * no padding; see {@link Geometry}), replicated to three channels and normalised with the
 * configured mean/std. Plain arrays; thread-safe.
 */
public final class Preprocessor {
    private final PreprocessConfig config;

    public Preprocessor(PreprocessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PreprocessConfig config() { return config; }

    /**
     * Percentile scaling: {@code (v - p_low) / (p_high - p_low)} clipped to [0,1], with the
     * percentiles linearly interpolated between order statistics (as numpy's default). A
     * constant image (p_high == p_low) gives zeros.
     *
     * @return {@code H*W} floats in [0,1], row-major, at the original size
     */
    public float[] scaleToUnit(Radiograph image) {
        float[] px = image.pixelsUnsafe();
        double[] p = percentiles(px, config.lowPercentile(), config.highPercentile());
        double lo = p[0], hi = p[1];
        float[] out = new float[px.length];
        double range = hi - lo;
        if (!(range > 0)) {
            return out;
        }
        for (int i = 0; i < px.length; i++) {
            double v = (px[i] - lo) / range;
            out[i] = (float) (v < 0 ? 0 : v > 1 ? 1 : v);
        }
        return out;
    }

    /**
     * Two percentiles of the values. Integer values in {@code [0, 65535]} (8- and 16-bit
     * images) go through a histogram in linear time; anything else is sorted. Both give the
     * same, linearly interpolated order statistics.
     */
    static double[] percentiles(float[] px, double pLow, double pHigh) {
        int[] hist = new int[65536];
        for (float v : px) {
            int i = (int) v;
            if (i != v || i < 0 || i > 65535) {
                float[] sorted = px.clone();
                Arrays.sort(sorted);
                return new double[] {percentile(sorted, pLow), percentile(sorted, pHigh)};
            }
            hist[i]++;
        }
        return new double[] {percentile(hist, px.length, pLow), percentile(hist, px.length, pHigh)};
    }

    private static double percentile(int[] hist, int n, double p) {
        double pos = p / 100.0 * (n - 1);
        long k = (long) Math.floor(pos);
        double a = orderStatistic(hist, k), b = k + 1 < n ? orderStatistic(hist, k + 1) : a;
        return a + (pos - k) * (b - a);
    }

    /** The k-th smallest value (0-based) from a histogram of integer values. */
    private static int orderStatistic(int[] hist, long k) {
        long seen = 0;
        for (int v = 0; v < hist.length; v++) {
            seen += hist[v];
            if (seen > k) return v;
        }
        throw new IllegalStateException("k beyond the histogram: " + k);
    }

    /** The {@code p}-th percentile (0..100) of sorted values, interpolated linearly. */
    static double percentile(float[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }

    /**
     * Resizes a single-channel image: bilinear (half-pixel centres) where an axis grows,
     * exact area averaging where it shrinks, so that downscaling does not alias.
     *
     * @param img {@code h*w} row-major
     * @return {@code outH*outW} row-major
     */
    public static float[] resize(float[] img, int w, int h, int outW, int outH) {
        return Resampler.resize(img, w, h, outW, outH);
    }

    /**
     * A radiograph as the networks see it before normalisation: percentile scaling to [0,1],
     * resized to {@code S x S}; {@code S*S} floats, row-major. Training, validation and every
     * inference path take their images through here.
     */
    public float[] modelGray(Radiograph image) {
        int s = config.imageSize();
        return resize(scaleToUnit(image), image.width(), image.height(), s, s);
    }

    /**
     * The model input for a whole radiograph: scale, resize to {@code S x S}, normalise.
     *
     * @return {@code (3, S, S)} float32 CHW, normalised with the configured mean/std
     */
    public float[] toInput(Radiograph image) {
        return toInput(modelGray(image), config.imageSize());
    }

    /**
     * The model input for an image already scaled to [0,1] and resized (and perhaps augmented).
     *
     * @param gray01Square {@code size*size} floats in [0,1], row-major
     * @return {@code (3, size, size)} float32 CHW, normalised with the configured mean/std
     */
    public float[] toInput(float[] gray01Square, int size) {
        float[] out = new float[3 * size * size];
        toInput(gray01Square, size, out, 0);
        return out;
    }

    /**
     * As {@link #toInput(float[], int)}, written into {@code dest} from {@code offset} (a batch's
     * array: no per-image copy).
     */
    public void toInput(float[] gray01Square, int size, float[] dest, int offset) {
        int n = size * size;
        if (gray01Square.length != n) {
            throw new IllegalArgumentException("expected " + n + " pixels for " + size + "x" + size
                    + " but got " + gray01Square.length);
        }
        float[] mean = config.mean(), std = config.std();
        for (int c = 0; c < 3; c++) {
            float m = mean[c], inv = 1f / std[c];
            int o = offset + c * n;
            for (int i = 0; i < n; i++) {
                dest[o + i] = (gray01Square[i] - m) * inv;
            }
        }
    }
}
