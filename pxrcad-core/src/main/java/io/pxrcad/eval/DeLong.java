package io.pxrcad.eval;

/**
 * DeLong, DeLong and Clarke-Pearson (1988) variance of the AUC and the paired test of two
 * correlated AUCs, by the O(n log n) midrank algorithm of Sun and Xu (2014), "Fast
 * implementation of DeLong's algorithm for comparing the areas under correlated receiver
 * operating characteristic curves", IEEE Signal Processing Letters 21(11):1389-1393.
 * Ties count one half, so the AUC equals scikit-learn's {@code roc_auc_score}.
 */
public final class DeLong {
    private DeLong() {}

    /** AUC, variance and 95% CI of one score set. Needs both classes. */
    public static AucEstimate estimate(BinaryScores data) {
        data.requireBothClasses("DeLong AUC variance");
        Components c = Components.of(data.scoresView(), data.labelsView(), data.positives());
        double m = c.v10.length;
        double n = c.v01.length;
        double variance = sampleCovariance(c.v10, c.v10) / m + sampleCovariance(c.v01, c.v01) / n;
        double auc = Math.min(1, Math.max(0, c.auc));
        return AucEstimate.of(auc, Math.max(0, variance));
    }

    /**
     * Paired DeLong test of two score columns on the same images with the same labels.
     *
     * @throws IllegalArgumentException if the two sets differ in length or labels
     */
    public static PairedAucTest compare(BinaryScores a, BinaryScores b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("expected two score sets on the same images but got "
                    + a.size() + " and " + b.size() + " scores");
        }
        int[] la = a.labelsView();
        int[] lb = b.labelsView();
        for (int i = 0; i < la.length; i++) {
            if (la[i] != lb[i]) {
                throw new IllegalArgumentException("expected the same labels for both score sets but label " + i
                        + " is " + la[i] + " and " + lb[i]);
            }
        }
        a.requireBothClasses("paired DeLong test");
        Components ca = Components.of(a.scoresView(), la, a.positives());
        Components cb = Components.of(b.scoresView(), lb, b.positives());
        double m = ca.v10.length;
        double n = ca.v01.length;
        double varA = sampleCovariance(ca.v10, ca.v10) / m + sampleCovariance(ca.v01, ca.v01) / n;
        double varB = sampleCovariance(cb.v10, cb.v10) / m + sampleCovariance(cb.v01, cb.v01) / n;
        double cov = sampleCovariance(ca.v10, cb.v10) / m + sampleCovariance(ca.v01, cb.v01) / n;
        return PairedAucTest.of(ca.auc, cb.auc, varA + varB - 2 * cov);
    }

    /** Unbiased (n - 1) covariance; 0 for a single value (its spread cannot be estimated). */
    static double sampleCovariance(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return 0;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double s = 0;
        for (int i = 0; i < n; i++) s += (x[i] - mx) * (y[i] - my);
        return s / (n - 1);
    }

    /** Structural components: v10 per positive, v01 per negative (Sun and Xu, eqs. 8-9). */
    private record Components(double auc, double[] v10, double[] v01) {
        static Components of(double[] scores, int[] labels, int m) {
            int n = scores.length - m;
            double[] x = new double[m];
            double[] y = new double[n];
            int ix = 0, iy = 0;
            for (int i = 0; i < scores.length; i++) {
                if (labels[i] == 1) x[ix++] = scores[i];
                else y[iy++] = scores[i];
            }
            double[] z = new double[m + n];
            System.arraycopy(x, 0, z, 0, m);
            System.arraycopy(y, 0, z, m, n);
            double[] tx = Ranks.midranks(x);
            double[] ty = Ranks.midranks(y);
            double[] tz = Ranks.midranks(z);
            double sumPos = 0;
            double[] v10 = new double[m];
            double[] v01 = new double[n];
            for (int i = 0; i < m; i++) {
                sumPos += tz[i];
                v10[i] = (tz[i] - tx[i]) / n;
            }
            for (int j = 0; j < n; j++) {
                v01[j] = 1.0 - (tz[m + j] - ty[j]) / m;
            }
            double auc = (sumPos - m * (m + 1.0) / 2.0) / ((double) m * n);
            return new Components(auc, v10, v01);
        }
    }
}
