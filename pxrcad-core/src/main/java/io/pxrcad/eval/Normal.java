package io.pxrcad.eval;

/** The standard normal distribution, for DeLong confidence intervals and p-values. */
public final class Normal {
    /** The 97.5% quantile used for 95% intervals (the value the reference data use). */
    public static final double Z_95 = 1.96;

    private Normal() {}

    /**
     * Lower tail {@code P(Z <= x)}: Hart's double-precision rational approximation as given
     * by G. West, "Better approximations to cumulative normal functions", Wilmott (2005),
     * below {@code |x| = 7.07} (about 1e-14), Laplace's continued fraction beyond; the small
     * tail is computed directly, not as 1 - big.
     */
    public static double cdf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        double a = Math.abs(x);
        double tail;
        if (a > 37) {
            tail = 0;
        } else {
            double e = Math.exp(-a * a / 2);
            if (a < 7.07106781186547) {
                double num = 3.52624965998911E-02 * a + 0.700383064443688;
                num = num * a + 6.37396220353165;
                num = num * a + 33.912866078383;
                num = num * a + 112.079291497871;
                num = num * a + 221.213596169931;
                num = num * a + 220.206867912376;
                double den = 8.83883476483184E-02 * a + 1.75566716318264;
                den = den * a + 16.064177579207;
                den = den * a + 86.7807322029461;
                den = den * a + 296.564248779674;
                den = den * a + 637.333633378831;
                den = den * a + 793.826512519948;
                den = den * a + 440.413735824752;
                tail = e * num / den;
            } else {
                // Laplace's continued fraction phi(a) / (a + 1/(a + 2/(a + 3/(a + ...)))),
                // evaluated from 60 terms down: converges to full precision for a > 7.
                double b = a;
                for (int k = 60; k >= 1; k--) b = a + k / b;
                tail = e / b / Math.sqrt(2 * Math.PI);
            }
        }
        return x > 0 ? 1 - tail : tail;
    }

    /** Two-sided p-value of a standard normal statistic: {@code 2 P(Z >= |z|)}. */
    public static double twoSidedP(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        return Math.min(1.0, 2 * cdf(-Math.abs(z)));
    }
}
