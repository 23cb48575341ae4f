package io.pxrcad.eval;

/**
 * Reader-study metrics of three-class answers against the truth (paper Table 2): accuracy
 * (answer equals truth) and, per fracture type, one-vs-rest sensitivity
 * {@code P(answer = type | truth = type)} and specificity
 * {@code P(answer != type | truth != type)}. A rate without images to measure it is NaN.
 */
public record ThreeClassMetrics(int images, double accuracy, double hipSensitivity, double hipSpecificity,
                                double pelvicSensitivity, double pelvicSpecificity) {

    /** The metrics as an array, in component order after {@code images} (for bootstrapping). */
    static final int COUNT = 5;

    public static ThreeClassMetrics of(FractureAnswer[] answers, FractureAnswer[] truth) {
        if (answers.length != truth.length) {
            throw new IllegalArgumentException("expected as many answers as truths but got " + answers.length
                    + " and " + truth.length);
        }
        double[] v = values(answers, truth, identity(answers.length));
        return new ThreeClassMetrics(answers.length, v[0], v[1], v[2], v[3], v[4]);
    }

    /** Metrics over the images {@code idx} (repeats allowed); null answers are not counted. */
    static double[] values(FractureAnswer[] answers, FractureAnswer[] truth, int[] idx) {
        long n = 0, correct = 0;
        long[] pos = new long[2], tp = new long[2], neg = new long[2], tn = new long[2];
        for (int i : idx) {
            FractureAnswer a = answers[i];
            if (a == null) continue;
            FractureAnswer t = truth[i];
            n++;
            if (a == t) correct++;
            for (int k = 0; k < 2; k++) {
                FractureAnswer type = k == 0 ? FractureAnswer.HIP : FractureAnswer.PELVIC;
                if (t == type) {
                    pos[k]++;
                    if (a == type) tp[k]++;
                } else {
                    neg[k]++;
                    if (a != type) tn[k]++;
                }
            }
        }
        return new double[]{rate(correct, n), rate(tp[0], pos[0]), rate(tn[0], neg[0]), rate(tp[1], pos[1]),
                rate(tn[1], neg[1])};
    }

    static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    private static double rate(long a, long b) { return b == 0 ? Double.NaN : (double) a / b; }
}
