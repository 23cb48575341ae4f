package io.pxrcad.artifact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a model remembers of the images it was trained on, to tell when an image is unlike them
 * (out of scope): the mean of the stage-1 network's pooled features on its training images, their
 * main axes of variation, and a distance threshold chosen on its validation images.
 *
 * <p>Distance: a Mahalanobis distance under the shrunk covariance
 * {@code (1 - SHRINKAGE) * S + SHRINKAGE * tau * I} ({@code S} the training covariance, {@code tau}
 * its mean variance per dimension), with {@code S} kept to its {@link #COMPONENTS} largest
 * principal axes, divided by {@code sqrt(D)} so that a typical training image lies near 1 whatever
 * the dimension D: with {@code u = f - mean} and {@code p_k = axis_k . u},
 * {@code d^2 = (sum_k p_k^2 (1/((1-s) v_k + s tau) - 1/(s tau)) + |u|^2 / (s tau)) / D}.
 * Why not per-dimension z-scores: they ignore how the features vary together, and on tiny models
 * trained on phantoms they put held-out phantoms and chest radiographs at the same distance;
 * this distance separated them (measured in {@code ScopeEndToEndTest}). The shrinkage keeps
 * directions the few training images never varied in from making any change look infinite.
 * Threshold: {@link #MARGIN} times the {@link #PERCENTILE}th percentile of held-out distances: the
 * validation images', and each training image's under statistics fitted on the other
 * {@link #FOLDS}-1 folds. Why not the 99th percentile of the validation images alone: 15-25 of them
 * (1/8 of a small cohort) make it their maximum, and a model trained by {@code pxrcad train} on 120
 * phantoms kept only 55 of 60 held-out phantoms in scope. Why the 95th of the pooled distances:
 * statistics fitted on 4/5 of the images put the left-out ones farther than the full statistics put
 * new images (a heavier tail: on tiny phantom models the pooled 99th percentile lay above a chest
 * radiograph's distance), so their 95th percentile kept every held-out phantom in scope in the
 * measurements of {@code ScopeEndToEndTest} and of a {@code pxrcad train} run, with the chest,
 * hand, extremity, MR and CT images still out.
 *
 * <p>Pure arithmetic on {@code float[]}; immutable (arrays are copied in and out).
 *
 * @param features         what the vectors are (for readers of model.json)
 * @param mean             training mean, length D >= 1
 * @param axes             principal axes of the training features, unit vectors of length D, largest first
 * @param axisVariances    training variance along each axis (>= 0)
 * @param meanVariance     {@code tau}: the training variance per dimension, averaged over dimensions (> 0)
 * @param threshold        distances above it are out of scope (> 0)
 * @param trainImages      images the mean and axes come from
 * @param validationImages images the threshold comes from
 */
public record FeatureStatistics(String features, float[] mean, float[][] axes, float[] axisVariances, double meanVariance,
                                double threshold, int trainImages, int validationImages) {
    /** Side of the grid on which the stage-1 network pools its feature map (its third output). */
    public static final int GRID = 2;
    /** What the stage-1 network returns as its third output. */
    public static final String POOLED_STAGE1 = "stage-1 backbone feature map, average pooled on a "
            + GRID + "x" + GRID + " grid";
    public static final double SHRINKAGE = 0.1;
    public static final int COMPONENTS = 16;
    public static final double PERCENTILE = 95;
    public static final double MARGIN = 1.0;
    /** Folds of the training images scored by statistics fitted without them, for the threshold. */
    public static final int FOLDS = 5;
    private static final int ITERATIONS = 100;

    public FeatureStatistics {
        Objects.requireNonNull(features, "features");
        if (mean == null || mean.length == 0 || axes == null || axisVariances == null || axes.length != axisVariances.length) {
            throw new IllegalArgumentException("feature statistics need a mean of length >= 1 and as many axes as axis variances but had "
                    + (mean == null ? "no mean" : mean.length + " dimensions") + ", " + (axes == null ? "no" : axes.length)
                    + " axes, " + (axisVariances == null ? "no" : axisVariances.length) + " variances");
        }
        requireFinite(mean, "mean");
        axes = axes.clone();
        for (int k = 0; k < axes.length; k++) {
            if (axes[k] == null || axes[k].length != mean.length) {
                throw new IllegalArgumentException("feature axis " + k + " must have " + mean.length + " dimensions but had "
                        + (axes[k] == null ? "none" : axes[k].length));
            }
            requireFinite(axes[k], "axis " + k);
            double norm = 0;
            for (float v : axes[k]) norm += v * v;
            if (Math.abs(norm - 1) > 1e-3) {
                throw new IllegalArgumentException("feature axis " + k + " must be a unit vector but had length " + Math.sqrt(norm));
            }
            if (!(axisVariances[k] >= 0) || !Float.isFinite(axisVariances[k])) {
                throw new IllegalArgumentException("feature axis variances must be >= 0 but axis " + k + " had " + axisVariances[k]);
            }
            axes[k] = axes[k].clone();
        }
        if (!(meanVariance > 0) || !Double.isFinite(meanVariance)) {
            throw new IllegalArgumentException("feature mean variance must be > 0 but was " + meanVariance);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("feature distance threshold must be > 0 but was " + threshold);
        }
        if (trainImages < 1 || validationImages < 0) {
            throw new IllegalArgumentException("feature statistics need >= 1 training image but had " + trainImages
                    + " (and " + validationImages + " validation images)");
        }
        mean = mean.clone();
        axisVariances = axisVariances.clone();
    }

    /**
     * Statistics of {@code train} (one vector per image), with the threshold from held-out
     * distances: the {@code validation} images' and, when there are at least {@code 2 * FOLDS}
     * training images, each training image's under statistics fitted without its fold.
     */
    public static FeatureStatistics fit(String features, List<float[]> train, List<float[]> validation) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("expected at least one training feature vector");
        }
        FeatureStatistics all = unscaled(features, train, validation.size());
        List<Double> held = new ArrayList<>();
        for (float[] v : validation) held.add(all.distance(v));
        if (train.size() >= 2 * FOLDS) {
            for (int f = 0; f < FOLDS; f++) {
                List<float[]> in = new ArrayList<>(), out = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) (i % FOLDS == f ? out : in).add(train.get(i));
                FeatureStatistics without = unscaled(features, in, 0);
                for (float[] v : out) held.add(without.distance(v));
            }
        } else if (held.isEmpty()) {
            for (float[] v : train) held.add(all.distance(v)); // nothing held out: tighter, but defined
        }
        double threshold = Math.max(MARGIN * percentile(held.stream().mapToDouble(Double::doubleValue).toArray(), PERCENTILE), 1e-6);
        return new FeatureStatistics(features, all.mean, all.axes, all.axisVariances, all.meanVariance, threshold,
                train.size(), validation.size());
    }

    /** Mean, axes and mean variance of {@code train}, with a placeholder threshold of 1. */
    private static FeatureStatistics unscaled(String features, List<float[]> train, int validationImages) {
        int n = train.size(), d = train.get(0).length;
        double[] mean = new double[d];
        for (float[] f : train) {
            requireLength(f, d);
            for (int c = 0; c < d; c++) mean[c] += f[c] / (double) n;
        }
        double[][] x = new double[n][d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[i][c] = train.get(i)[c] - mean[c];
                total += x[i][c] * x[i][c];
            }
        }
        double tau = Math.max(total / n / d, 1e-12);
        PrincipalAxes pa = PrincipalAxes.of(x, Math.min(COMPONENTS, Math.min(n - 1, d)), ITERATIONS);
        float[] m = new float[d];
        for (int c = 0; c < d; c++) m[c] = (float) mean[c];
        return new FeatureStatistics(features, m, pa.axes(), pa.variances(), tau, 1, n, validationImages);
    }

    public int dimensions() { return mean.length; }

    @Override
    public float[] mean() { return mean.clone(); }

    @Override
    public float[][] axes() {
        float[][] a = new float[axes.length][];
        for (int k = 0; k < a.length; k++) a[k] = axes[k].clone();
        return a;
    }

    @Override
    public float[] axisVariances() { return axisVariances.clone(); }

    /** The distance of one feature vector from the training images (see the class comment). */
    public double distance(float[] f) {
        requireLength(f, mean.length);
        double floor = SHRINKAGE * meanVariance;
        double[] u = new double[mean.length];
        double sum = 0;
        for (int c = 0; c < u.length; c++) {
            u[c] = f[c] - mean[c];
            sum += u[c] * u[c] / floor;
        }
        for (int k = 0; k < axes.length; k++) {
            double p = 0;
            for (int c = 0; c < u.length; c++) p += axes[k][c] * u[c];
            sum += p * p * (1 / ((1 - SHRINKAGE) * axisVariances[k] + floor) - 1 / floor);
        }
        return Math.sqrt(Math.max(sum, 0) / mean.length);
    }

    /** True when {@code f} lies within the threshold. */
    public boolean within(float[] f) { return distance(f) <= threshold; }

    /** The out-of-scope reason for a distance above the threshold. */
    public String reason(double distance) {
        return String.format(Locale.ROOT, "image features outside the training distribution (distance %.2f > threshold %.2f)",
                distance, threshold);
    }

    /** The p-th percentile (0..100), linearly interpolated between order statistics (numpy's default). */
    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = p / 100.0 * (v.length - 1);
        int k = (int) Math.floor(pos);
        return k + 1 < v.length ? v[k] + (pos - k) * (v[k + 1] - v[k]) : v[k];
    }

    private static void requireLength(float[] f, int d) {
        if (f.length != d) {
            throw new IllegalArgumentException("expected a feature vector of " + d + " dimensions but got " + f.length);
        }
    }

    private static void requireFinite(float[] v, String what) {
        for (int c = 0; c < v.length; c++) {
            if (!Float.isFinite(v[c])) {
                throw new IllegalArgumentException("feature statistics must be finite but " + what + " had " + v[c] + " at " + c);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStatistics s && s.features.equals(features) && Arrays.equals(s.mean, mean)
                && Arrays.deepEquals(s.axes, axes) && Arrays.equals(s.axisVariances, axisVariances)
                && s.meanVariance == meanVariance && s.threshold == threshold && s.trainImages == trainImages
                && s.validationImages == validationImages;
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, Arrays.hashCode(mean), Arrays.deepHashCode(axes), Arrays.hashCode(axisVariances),
                meanVariance, threshold, trainImages, validationImages);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FeatureStatistics[%d dimensions, %d axes, threshold %.3f, %d training / %d validation images]",
                mean.length, axes.length, threshold, trainImages, validationImages);
    }
}
