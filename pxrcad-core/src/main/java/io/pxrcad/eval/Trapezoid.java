package io.pxrcad.eval;

/** Area under a piecewise-linear curve, scikit-learn's {@code auc(x, y)}. */
public final class Trapezoid {
    private Trapezoid() {}

    /**
     * Trapezoidal area under {@code y(x)}. {@code x} must be monotonic (non-decreasing or
     * non-increasing); a decreasing {@code x} gives the same positive area.
     *
     * @throws IllegalArgumentException fewer than 2 points, unequal lengths or non-monotonic x
     */
    public static double area(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("expected x and y of equal length but got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("expected at least 2 points to compute an area but got " + x.length);
        }
        double direction = 1;
        boolean anyDecrease = false;
        boolean anyIncrease = false;
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) anyDecrease = true;
            if (x[i] > x[i - 1]) anyIncrease = true;
        }
        if (anyDecrease) {
            if (anyIncrease) {
                throw new IllegalArgumentException("expected x monotonic (increasing or decreasing) but it is neither");
            }
            direction = -1;
        }
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        }
        return direction * sum;
    }
}
