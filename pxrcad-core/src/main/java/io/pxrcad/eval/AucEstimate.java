package io.pxrcad.eval;

/**
 * An AUC with its DeLong variance and 95% confidence interval ({@code auc +- 1.96 sd},
 * clipped to [0,1]).
 */
public record AucEstimate(double auc, double variance, double ciLow, double ciHigh) {
    public AucEstimate {
        if (!(auc >= 0 && auc <= 1)) throw new IllegalArgumentException("auc must be in [0,1] but was " + auc);
        if (!(variance >= 0)) throw new IllegalArgumentException("variance must be >= 0 but was " + variance);
    }

    static AucEstimate of(double auc, double variance) {
        double half = Normal.Z_95 * Math.sqrt(variance);
        return new AucEstimate(auc, variance, Math.max(0, auc - half), Math.min(1, auc + half));
    }

    public double standardError() { return Math.sqrt(variance); }
}
