package io.pxrcad.phantom;

import java.util.SplittableRandom;

/**
 * A fracture of one patient before it is placed in an image: site, side and the random
 * numbers that fix its position, direction and severity. The same spec is drawn in every
 * image of the patient; how visible it is depends on the cohort's difficulty.
 */
record FractureSpec(FractureSite site, int side, double[] u) {
    static final int NUMBERS = 8;

    FractureSpec {
        if (side != 0 && side != 1) throw new IllegalArgumentException("side must be 0 or 1 but was " + side);
        if (u.length != NUMBERS) throw new IllegalArgumentException("expected " + NUMBERS + " numbers but got " + u.length);
        u = u.clone();
    }

    static FractureSpec draw(FractureSite site, int side, SplittableRandom rnd) {
        double[] u = new double[NUMBERS];
        for (int i = 0; i < NUMBERS; i++) u[i] = rnd.nextDouble();
        return new FractureSpec(site, side, u);
    }
}
