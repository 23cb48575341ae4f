package io.pxrcad.train;

/** Mean binary cross-entropy of probabilities, logs clamped at -100 as torch's BCELoss does. */
final class Bce {
    private Bce() {}

    static double mean(float[] p, int[] labels) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double lp = Math.max(Math.log(p[i]), -100), lq = Math.max(Math.log(1 - p[i]), -100);
            sum -= labels[i] == 1 ? lp : lq;
        }
        return p.length == 0 ? Double.NaN : sum / p.length;
    }
}
