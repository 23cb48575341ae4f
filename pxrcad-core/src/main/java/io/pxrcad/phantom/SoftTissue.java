package io.pxrcad.phantom;

import java.util.SplittableRandom;

/**
 * The soft-tissue envelope (trunk, buttocks, thighs; thicker with a larger habitus) and
 * bowel gas (negative thickness: pockets in the colon over the iliac wings and sacrum
 * and in the rectum), drawn as a projection in millimetres of water-equivalent tissue.
 */
final class SoftTissue {
    private SoftTissue() {}

    static void paint(Raster r, float[] soft, double habitus, SplittableRandom image, float[] texture) {
        Layer layer = r.layer();
        double hb = habitus;
        r.ellipsoid(0, -110, 0, 195 * hb, 400, 90 * hb, 0, 0, 1, 1);
        for (int g = -1; g <= 1; g += 2) {
            r.ellipsoid(g * 75 * hb, 40, 0, 95 * hb, 80, 80 * hb, 0, 0, 1, 1);
            r.tube(new double[] {g * 88 * hb, g * 92 * hb}, new double[] {50, 320}, 0,
                    new double[] {78 * hb, 70 * hb}, 0, 1, 1, null);
        }
        layer.flushInto(soft, 1f);
        gas(r, image, texture);
        layer.flushInto(soft, -1f);
    }

    private static void gas(Raster r, SplittableRandom rnd, float[] texture) {
        int clusters = 4 + rnd.nextInt(8);
        for (int c = 0; c < clusters; c++) {
            double cx = -120 + 240 * rnd.nextDouble(), cy = -220 + 190 * rnd.nextDouble();
            int bubbles = 3 + rnd.nextInt(10);
            for (int b = 0; b < bubbles; b++) {
                double bx = cx + 40 * (rnd.nextDouble() - 0.5), by = cy + 30 * (rnd.nextDouble() - 0.5);
                double rx = 3 + 9 * rnd.nextDouble(), ry = 2.5 + 6 * rnd.nextDouble();
                r.ellipsoid(bx, by, 0, rx, ry, 8 + 18 * rnd.nextDouble(), rnd.nextDouble() * Math.PI, 0, 1, 1);
            }
        }
        if (rnd.nextDouble() < 0.6) {
            r.ellipsoid(8 * (rnd.nextDouble() - 0.5), -30 + 25 * rnd.nextDouble(), -80, 12 + 10 * rnd.nextDouble(),
                    15 + 10 * rnd.nextDouble(), 25, 0, 0, 1, 1);
        }
        Layer l = r.layer();
        float[] v = l.v;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) v[i] *= Math.max(0f, 1.6f * texture[i] - 0.2f);
        }
    }
}
