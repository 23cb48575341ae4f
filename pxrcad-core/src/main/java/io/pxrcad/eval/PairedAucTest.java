package io.pxrcad.eval;

/**
 * DeLong's paired test of two AUCs on the same images: {@code difference = aucA - aucB},
 * {@code z = difference / sqrt(variance)}, two-sided normal {@code pValue}. When both methods
 * rank every pair identically the variance is 0: z is 0 and p is 1 if the difference is 0.
 */
public record PairedAucTest(double aucA, double aucB, double difference, double variance, double z, double pValue) {

    static PairedAucTest of(double aucA, double aucB, double variance) {
        double diff = aucA - aucB;
        double z;
        if (variance > 0) {
            z = diff / Math.sqrt(variance);
        } else {
            z = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        }
        return new PairedAucTest(aucA, aucB, diff, Math.max(0, variance), z, Normal.twoSidedP(z));
    }
}
