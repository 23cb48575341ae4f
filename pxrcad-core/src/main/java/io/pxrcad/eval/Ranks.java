package io.pxrcad.eval;

import java.util.Arrays;
import java.util.Comparator;

/** Sorting and midranks shared by the curve and DeLong code. */
final class Ranks {
    private Ranks() {}

    /** Indices sorted by descending value; stable for ties. O(n log n). */
    static int[] descendingOrder(double[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    /**
     * Midranks (1-based, ties get the mean of their ranks) of {@code values}, as in Sun and Xu
     * (2014), "Fast implementation of DeLong's algorithm", IEEE SPL 21(11), Algorithm 1.
     */
    static double[] midranks(double[] values) {
        int n = values.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && values[idx[j]] == values[idx[i]]) j++;
            double mid = 0.5 * (i + j - 1) + 1;
            for (int k = i; k < j; k++) ranks[idx[k]] = mid;
            i = j;
        }
        return ranks;
    }
}
