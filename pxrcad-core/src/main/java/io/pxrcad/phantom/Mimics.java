package io.pxrcad.phantom;

import java.util.SplittableRandom;

/**
 * Fracture mimics (hard negatives), drawn on every image: vascular grooves across the iliac
 * wings, nutrient canals through the femoral cortex, skin folds crossing the hips and
 * bowel-gas pockets whose sharp edges overlie the iliac wings and sacrum. All are
 * line-like but none breaks a cortex.
 */
final class Mimics {
    private Mimics() {}

    static void bone(float[] bone, int w, int h, Skeleton sk, Pose pose, SplittableRandom rnd) {
        double px = pose.scale;
        int grooves = 1 + rnd.nextInt(3);
        for (int i = 0; i < grooves; i++) {
            double g = rnd.nextDouble() < 0.5 ? -1 : 1;
            double x = g * (70 + 45 * rnd.nextDouble()), y = -115 + 50 * rnd.nextDouble();
            double a = rnd.nextDouble() * Math.PI, len = 15 + 20 * rnd.nextDouble(), bend = 6 * (rnd.nextDouble() - 0.5);
            double[] xs = new double[3], ys = new double[3];
            for (int k = 0; k < 3; k++) {
                double t = (k - 1) * len / 2, off = k == 1 ? bend : 0;
                xs[k] = pose.px(x + t * Math.cos(a) - off * Math.sin(a), y + t * Math.sin(a) + off * Math.cos(a), -20);
                ys[k] = pose.py(x + t * Math.cos(a) - off * Math.sin(a), y + t * Math.sin(a) + off * Math.cos(a), -20);
            }
            Strokes.groove(bone, w, h, xs, ys, (0.5 + 0.5 * rnd.nextDouble()) * px, 0.15 + 0.15 * rnd.nextDouble());
        }
        for (int s = 0; s < 2; s++) {
            if (rnd.nextDouble() < 0.6) {
                double g = Skeleton.sign(s);
                double y = 90 + 80 * rnd.nextDouble(), x = g * (sk.hx[s] + 8 + 7 * rnd.nextDouble() * (rnd.nextDouble() < 0.5 ? -1 : 1));
                double len = 8 + 6 * rnd.nextDouble();
                double[] xs = {pose.px(x - g * 3, y, 0), pose.px(x + g * 3, y + len, 0)};
                double[] ys = {pose.py(x - g * 3, y, 0), pose.py(x + g * 3, y + len, 0)};
                Strokes.groove(bone, w, h, xs, ys, 0.5 * px, 0.25 + 0.2 * rnd.nextDouble());
            }
        }
    }

    static void soft(Raster r, float[] soft, int w, int h, Pose pose, SplittableRandom rnd) {
        double px = pose.scale;
        int folds = rnd.nextInt(3);
        for (int i = 0; i < folds; i++) {
            double g = rnd.nextDouble() < 0.5 ? -1 : 1;
            double x0 = g * (60 + 90 * rnd.nextDouble()), y0 = -40 + 60 * rnd.nextDouble();
            double x1 = x0 + g * (20 + 60 * rnd.nextDouble()), y1 = y0 + 80 + 100 * rnd.nextDouble();
            double mx = (x0 + x1) / 2 + 20 * (rnd.nextDouble() - 0.5), my = (y0 + y1) / 2;
            double[] xs = {pose.px(x0, y0, 0), pose.px(mx, my, 0), pose.px(x1, y1, 0)};
            double[] ys = {pose.py(x0, y0, 0), pose.py(mx, my, 0), pose.py(x1, y1, 0)};
            Strokes.edge(soft, w, h, xs, ys, 6 + 10 * rnd.nextDouble(), (3 + 5 * rnd.nextDouble()) * px, 25 * px);
        }
        int pockets = rnd.nextInt(3);
        for (int i = 0; i < pockets; i++) {
            double g = rnd.nextDouble() < 0.5 ? -1 : 1;
            double x = g * (40 + 70 * rnd.nextDouble()), y = -120 + 70 * rnd.nextDouble();
            r.ellipsoid(x, y, 0, 6 + 10 * rnd.nextDouble(), 4 + 6 * rnd.nextDouble(), 12 + 14 * rnd.nextDouble(),
                    rnd.nextDouble() * Math.PI, 0, 1, 1);
        }
        r.layer().flushInto(soft, -1f);
    }
}
