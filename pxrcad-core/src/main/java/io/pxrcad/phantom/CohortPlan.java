package io.pxrcad.phantom;

import java.util.Arrays;

/**
 * Which patient each case belongs to. Patients are numbered in order; patient p has two
 * consecutive cases with probability {@code secondImageShare}, decided by (seed, p) alone,
 * so the plan of the first n cases never depends on how many cases are asked for.
 * Thread-safe; grows on demand.
 */
final class CohortPlan {
    private final long seed;
    private final double secondImageShare;
    private int[] patientOf = new int[0];
    private int[] imageOf = new int[0];
    private int size, nextPatient;

    CohortPlan(long seed, double secondImageShare) {
        this.seed = seed;
        this.secondImageShare = secondImageShare;
    }

    synchronized int patient(int caseIndex) {
        grow(caseIndex);
        return patientOf[caseIndex];
    }

    /** 0 for a patient's first image, 1 for the second. */
    synchronized int imageOfPatient(int caseIndex) {
        grow(caseIndex);
        return imageOf[caseIndex];
    }

    private void grow(int caseIndex) {
        if (caseIndex < 0) throw new IllegalArgumentException("case index must be >= 0 but was " + caseIndex);
        while (size <= caseIndex) {
            int images = Seeds.stream(seed, nextPatient, Seeds.PLAN).nextDouble() < secondImageShare ? 2 : 1;
            if (size + images > patientOf.length) {
                int cap = Math.max(16, 2 * (size + images));
                patientOf = Arrays.copyOf(patientOf, cap);
                imageOf = Arrays.copyOf(imageOf, cap);
            }
            for (int k = 0; k < images; k++) {
                patientOf[size] = nextPatient;
                imageOf[size++] = k;
            }
            nextPatient++;
        }
    }
}
