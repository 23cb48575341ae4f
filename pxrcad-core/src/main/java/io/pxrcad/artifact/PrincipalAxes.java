package io.pxrcad.artifact;

import java.util.Random;

/**
 * The {@code k} largest principal axes of centred data {@code x (n, d)}: orthogonal (subspace)
 * iteration on the covariance {@code x^T x / n} without forming it (each step costs
 * {@code O(n d k)}, so it scales to DenseNet's features and thousands of images), then a
 * Rayleigh-Ritz step (Jacobi on the {@code k x k} projected covariance) for the axes and their
 * variances. Seeded: the same data gives the same axes.
 *
 * @param axes      {@code k} unit vectors of length d, largest variance first
 * @param variances variance of the data along each axis
 */
record PrincipalAxes(float[][] axes, float[] variances) {

    static PrincipalAxes of(double[][] x, int k, int iterations) {
        int n = x.length, d = x[0].length;
        if (k <= 0) return new PrincipalAxes(new float[0][], new float[0]);
        double[][] q = new double[k][d];
        Random r = new Random(42);
        for (double[] v : q) for (int c = 0; c < d; c++) v[c] = r.nextGaussian();
        orthonormalise(q);
        for (int it = 0; it < iterations; it++) {
            q = covarianceTimes(x, q);
            orthonormalise(q);
        }
        double[][] sq = covarianceTimes(x, q);
        double[][] b = new double[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) b[i][j] = dot(q[i], sq[j]);
        double[][] rot = jacobi(b);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, c) -> Double.compare(b[c][c], b[a][a]));
        float[][] axes = new float[k][d];
        float[] var = new float[k];
        for (int o = 0; o < k; o++) {
            int j = order[o];
            var[o] = (float) Math.max(b[j][j], 0);
            double[] a = new double[d];
            for (int i = 0; i < k; i++) for (int c = 0; c < d; c++) a[c] += rot[i][j] * q[i][c];
            double norm = Math.sqrt(dot(a, a));
            for (int c = 0; c < d; c++) axes[o][c] = (float) (a[c] / norm);
        }
        return new PrincipalAxes(axes, var);
    }

    /** {@code (x^T x / n) v} for each row v of q. */
    private static double[][] covarianceTimes(double[][] x, double[][] q) {
        int n = x.length, d = x[0].length;
        double[][] out = new double[q.length][d];
        for (int j = 0; j < q.length; j++) {
            for (double[] row : x) {
                double p = dot(row, q[j]) / n;
                for (int c = 0; c < d; c++) out[j][c] += p * row[c];
            }
        }
        return out;
    }

    /**
     * Modified Gram-Schmidt. A vector that vanishes (data of lower rank than k) is replaced by a
     * seeded random one, orthogonalised again: its variance then comes out as 0.
     */
    private static void orthonormalise(double[][] q) {
        Random refill = new Random(7);
        for (int i = 0; i < q.length; i++) {
            double scale = Math.sqrt(dot(q[i], q[i]));
            for (int j = 0; j < i; j++) {
                double p = dot(q[i], q[j]);
                for (int c = 0; c < q[i].length; c++) q[i][c] -= p * q[j][c];
            }
            double norm = Math.sqrt(dot(q[i], q[i]));
            if (!(norm > 1e-9 * scale) || norm == 0) {
                for (int c = 0; c < q[i].length; c++) q[i][c] = refill.nextGaussian();
                i--;
                continue;
            }
            for (int c = 0; c < q[i].length; c++) q[i][c] /= norm;
        }
    }

    /** Cyclic Jacobi on a symmetric matrix: diagonalises {@code b} in place, returns the rotation (columns: eigenvectors). */
    private static double[][] jacobi(double[][] b) {
        int k = b.length;
        double[][] v = new double[k][k];
        for (int i = 0; i < k; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < k; i++) for (int j = i + 1; j < k; j++) off += b[i][j] * b[i][j];
            if (off < 1e-30) break;
            for (int p = 0; p < k; p++) {
                for (int q = p + 1; q < k; q++) {
                    if (Math.abs(b[p][q]) < 1e-300) continue;
                    double theta = (b[q][q] - b[p][p]) / (2 * b[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < k; r++) {
                        double brp = b[r][p], brq = b[r][q];
                        b[r][p] = c * brp - s * brq;
                        b[r][q] = s * brp + c * brq;
                    }
                    for (int r = 0; r < k; r++) {
                        double bpr = b[p][r], bqr = b[q][r];
                        b[p][r] = c * bpr - s * bqr;
                        b[q][r] = s * bpr + c * bqr;
                    }
                    for (int r = 0; r < k; r++) {
                        double vrp = v[r][p], vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) s += a[c] * b[c];
        return s;
    }
}
