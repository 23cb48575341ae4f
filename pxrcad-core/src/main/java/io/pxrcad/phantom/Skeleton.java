package io.pxrcad.phantom;

import java.util.SplittableRandom;

/**
 * The bones of one patient in the canonical frame (see {@link Pose}): lower lumbar spine,
 * sacrum, both hip bones (ilium, acetabulum, pubis, ischium) and both proximal femora.
 * Dimensions follow adult anatomy in millimetres with small left-right asymmetry; each
 * bone is drawn as one solid (its parts combined by maximum), and the bones are summed
 * so that overlaps (sacro-iliac joints, femoral head in the acetabulum) look as on film.
 * Side 0 is the image left (patient right), side 1 the image right.
 */
final class Skeleton {
    /** Per side: femoral head centre (hx = distance from the midline), head radius, neck angle (rad below horizontal), neck length, greater trochanter and lesser trochanter offsets. */
    final double[] hx = new double[2], hy = new double[2], headR = new double[2], neckAngle = new double[2],
            neckLen = new double[2], density = new double[2];
    /** Image-dependent femoral rotation: neck foreshortening factor and lesser trochanter visibility. */
    final double[] foreshorten = new double[2], ltVisible = new double[2];
    final double boneDensity, corticalRatio, iliacFlare, sacrumWidth;

    Skeleton(SplittableRandom patient) {
        boneDensity = 0.75 + 0.5 * patient.nextDouble();
        corticalRatio = 0.85 + 0.3 * patient.nextDouble();
        iliacFlare = 0.92 + 0.16 * patient.nextDouble();
        sacrumWidth = 0.92 + 0.14 * patient.nextDouble();
        double head = 22 + 4 * patient.nextDouble(), angle = Math.toRadians(36 + 10 * patient.nextDouble());
        double neck = 56 + 8 * patient.nextDouble(), hxBase = 86 + 8 * patient.nextDouble();
        for (int s = 0; s < 2; s++) {
            hx[s] = hxBase + 3 * (patient.nextDouble() - 0.5);
            hy[s] = 2.5 * (patient.nextDouble() - 0.5);
            headR[s] = head * (1 + 0.04 * (patient.nextDouble() - 0.5));
            neckAngle[s] = angle + Math.toRadians(4 * (patient.nextDouble() - 0.5));
            neckLen[s] = neck * (1 + 0.06 * (patient.nextDouble() - 0.5));
            density[s] = 1 + 0.08 * (patient.nextDouble() - 0.5);
        }
    }

    /** Draws the femoral rotation of one image (external rotation shortens the neck and shows more lesser trochanter). */
    void rotateFemora(SplittableRandom image) {
        for (int s = 0; s < 2; s++) {
            double rot = image.nextDouble();
            foreshorten[s] = 0.85 + 0.15 * rot;
            ltVisible[s] = 1.25 - 0.55 * rot;
        }
    }

    static double sign(int side) { return side == 0 ? -1 : 1; }

    // ---- landmarks used by fractures and mimics (canonical mm) ----

    double[] head(int s) { return new double[] {sign(s) * hx[s], hy[s]}; }

    /** Unit vector of the neck axis from the head towards the trochanters. */
    double[] neckDir(int s) { return new double[] {sign(s) * Math.cos(neckAngle[s]), Math.sin(neckAngle[s])}; }

    double[] neckEnd(int s) {
        double[] h = head(s), d = neckDir(s);
        double l = neckLen[s] * foreshorten[s];
        return new double[] {h[0] + l * d[0], h[1] + l * d[1]};
    }

    double neckRadius(int s) { return headR[s] * 0.62; }

    double[] greaterTrochanter(int s) {
        double[] n = neckEnd(s);
        return new double[] {n[0] + sign(s) * 13, n[1] - 14};
    }

    double[] lesserTrochanter(int s) {
        double[] n = neckEnd(s);
        return new double[] {n[0] - sign(s) * 20, n[1] + 30};
    }

    /** Superior pubic ramus from the acetabulum to the pubic body. */
    double[][] superiorRamus(int s) {
        double g = sign(s);
        return new double[][] {{g * (hx[s] - 30), g * 60, g * 44, g * 28, g * 14}, {hy[s] + 6, hy[s] + 17, hy[s] + 22, hy[s] + 26, hy[s] + 30}};
    }

    /** Inferior (ischio-)pubic ramus from the ischial tuberosity to the pubic body. */
    double[][] inferiorRamus(int s) {
        double g = sign(s);
        return new double[][] {{g * (hx[s] - 26), g * 56, g * 40, g * 26, g * 14}, {hy[s] + 83, hy[s] + 86, hy[s] + 82, hy[s] + 74, hy[s] + 64}};
    }
}
