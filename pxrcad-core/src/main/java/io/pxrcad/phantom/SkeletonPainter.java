package io.pxrcad.phantom;

/**
 * Draws a {@link Skeleton} as a projection: each bone is built from tubes, ellipsoids and
 * plates in a scratch {@link Layer} and then added to the bone projection. Densities are
 * relative (cancellous bone about 0.5, cortex 1.4-1.8); the cortex is what gives rims,
 * endplates and the bright margins of the femoral shafts.
 */
final class SkeletonPainter {
    private static final double[] NO_CANAL = null;

    private final Skeleton sk;
    private final Raster r;
    private final Layer layer;
    private double sideSign = -1;

    SkeletonPainter(Skeleton sk, Raster r) {
        this.sk = sk;
        this.r = r;
        this.layer = r.layer();
    }

    void paint(float[] bone) {
        float d = (float) sk.boneDensity;
        for (int s = 0; s < 2; s++) {
            femur(s);
            layer.flushInto(bone, d * (float) sk.density[s]);
            hipBone(s);
            layer.flushInto(bone, d * (float) sk.density[s]);
        }
        sacrum();
        layer.flushInto(bone, d);
        double[] centres = {-119, -155, -191, -227};
        double[] halfWidths = {28, 26.5, 25.5, 24.5};
        for (int v = 0; v < centres.length; v++) {
            vertebra(centres[v], halfWidths[v], v == 0);
            layer.flushInto(bone, d);
        }
    }

    private void femur(int s) {
        double g = Skeleton.sign(s), c = sk.corticalRatio;
        double[] h = sk.head(s), dir = sk.neckDir(s), n = sk.neckEnd(s);
        double hr = sk.headR[s], nr = sk.neckRadius(s);
        r.ellipsoid(h[0], h[1], 0, hr, hr, hr, 0, 1.6 * c, 1.3, 0.42);
        r.tube(new double[] {h[0] + dir[0] * hr * 0.55, n[0]}, new double[] {h[1] + dir[1] * hr * 0.55, n[1]}, 0,
                new double[] {nr, nr * 1.2}, 2.2 * c, 1.4, 0.42, NO_CANAL, false);
        double[] gt = sk.greaterTrochanter(s);
        r.ellipsoid(gt[0], gt[1] + 6, 0, 13, 20, 15, g * 0.25, 1.5 * c, 1.3, 0.45);
        r.tube(new double[] {n[0] + g * 6, n[0] - g * 3}, new double[] {n[1] - 8, n[1] + 30}, 0,
                new double[] {15, 15}, 2.5 * c, 1.4, 0.45, NO_CANAL);
        double[] lt = sk.lesserTrochanter(s);
        double vis = sk.ltVisible[s];
        r.ellipsoid(lt[0] + g * (1 - vis) * 6, lt[1], 0, 7 * vis + 2, 10, 8, -g * 0.5, 1.5 * c, 1.4, 0.5);
        double topX = n[0] - g * 2, topY = n[1] + 10;
        r.tube(new double[] {topX, topX - g * 7, g * (sk.hx[s] + 22)}, new double[] {topY, topY + 60, 300}, 0,
                new double[] {16, 14, 13}, 5.0 * c, 1.22, 0.4, new double[] {0, 5.5, 7});
    }

    private void hipBone(int s) {
        double g = Skeleton.sign(s), hx = sk.hx[s], hy = sk.hy[s], hr = sk.headR[s], f = sk.iliacFlare;
        sideSign = g;
        // ilium: wing plate with a dense crest, a thin central fossa and a thick body above the acetabulum
        // crest, lateral border (ASIS, AIIS), acetabular margin over the upper femoral head, pelvic brim, sacro-iliac joint
        double[] u = {40, 52, 72, 96, 118 * f, 136 * f, 145 * f, 140 * f, 131 * f, 124 * f, 122, 117, hx + hr + 3, hx + hr * 0.7, hx + 2, hx - hr * 0.8, 68, 66, 58, 48, 40, 38};
        double[] y = {-108, -128, -142, -147, -142, -127, -106, -88, -72, -62, -50, -34, hy - 10, hy + 4, hy + 10, hy + 6, -8, -34, -52, -68, -84, -98};
        double[][] wing = chaikin(mirror(u, g), y, 2);
        r.plate(wing[0], wing[1], -20, 12, 9, 15, 2.0);
        r.hole(g * 100 * f, -100, -20, 36, 30, 0.3);
        r.tube(new double[] {g * 46, g * 72, g * (hx - 2)}, new double[] {-80, -48, hy - 24}, -20,
                new double[] {14, 18, 19}, 2.0, 0.45, 0.3, NO_CANAL);
        // pelvic brim (iliopectineal line), ilioischial line, acetabular roof (sourcil), walls, teardrop
        r.tube(mirror(new double[] {42, 54, 63, 68, 66, 55, 34, 12}), new double[] {-80, -60, -38, -14, 8, 20, 27, 28}, -20,
                flat(8, 1.8), 0.01, 1.6, 1.6, NO_CANAL);
        r.tube(mirror(new double[] {60, 64, 68, 72}), new double[] {-20, 6, 30, 52}, -10, flat(4, 1.5), 0.01, 1.2, 1.2, NO_CANAL);
        r.tube(arc(hx, hy, hr + 2.5, 12, 150, 9, g), arcY(hy, hr + 2.5, 12, 150, 9), 0, flat(9, 2.4), 0.01, 1.8, 1.8, NO_CANAL);
        r.tube(mirror(new double[] {hx + hr * 0.9, hx + hr * 0.35, hx - hr * 0.45}), new double[] {hy - hr * 0.5, hy + hr * 0.55, hy + hr * 0.95}, 10,
                flat(3, 1.2), 0.01, 0.9, 0.9, NO_CANAL);
        r.tube(mirror(new double[] {hx + hr * 0.97, hx + hr * 0.8, hx + hr * 0.25, hx - 6}), new double[] {hy - hr * 0.3, hy + hr * 0.6, hy + hr * 1.2, hy + 40}, -10,
                flat(4, 1.3), 0.01, 1.0, 1.0, NO_CANAL);
        r.tube(mirror(new double[] {69, 65, 66, 71}), new double[] {-2, 10, 18, 19}, -5, flat(4, 1.5), 0.01, 1.3, 1.3, NO_CANAL);
        r.ellipsoid(g * (hx - 6), hy + 2, -5, hr + 9, hr + 11, 4, 0, 0.8, 1.0, 0.7);
        // ischium and tuberosity, pubic rami and body (they enclose the obturator foramen)
        r.tube(mirror(new double[] {hx - 6, hx - 12, hx - 18}), new double[] {hy + 24, hy + 46, hy + 66}, -10,
                new double[] {14, 11, 12}, 2.0, 1.45, 0.6, NO_CANAL, false);
        r.ellipsoid(g * (hx - 22), hy + 77, -10, 19, 12, 12, -g * 0.3, 2.0, 1.45, 0.55);
        double[][] sup = sk.superiorRamus(s), inf = sk.inferiorRamus(s);
        r.tube(sup[0], sup[1], 20, new double[] {11, 8.5, 7.5, 7.5, 9}, 1.8, 1.5, 0.7, NO_CANAL, false);
        r.tube(inf[0], inf[1], 20, new double[] {9, 6.5, 6, 6, 7.5}, 1.6, 1.5, 0.7, NO_CANAL);
        r.tube(mirror(new double[] {11, 10.5, 11}), new double[] {hy + 24, hy + 44, hy + 64}, 25,
                new double[] {8, 8.5, 7}, 1.8, 1.5, 0.55, NO_CANAL);
    }

    private void sacrum() {
        double w = sk.sacrumWidth;
        double[] u = {0, 30, 50, 54, 48, 36, 24, 14, 6, 0};
        double[] y = {-101, -102, -97, -80, -60, -40, -20, -2, 12, 16};
        double[] xs = new double[2 * u.length - 2], ys = new double[xs.length];
        int k = 0;
        for (int i = 0; i < u.length; i++) { xs[k] = u[i] * w; ys[k++] = y[i]; }
        for (int i = u.length - 2; i >= 1; i--) { xs[k] = -u[i] * w; ys[k++] = y[i]; }
        double[][] sac = chaikin(xs, ys, 2);
        r.plate(sac[0], sac[1], -60, 5, 6, 3.5, 2);
        r.tube(new double[] {-30 * w, 0, 30 * w}, new double[] {-99, -103, -99}, -60, flat(3, 2.6), 0.01, 1.6, 1.6, NO_CANAL);
        r.tube(new double[] {0, 0, 0}, new double[] {-96, -40, 8}, -70, new double[] {5, 4.5, 3.5}, 1.5, 0.6, 0.6, NO_CANAL);
        r.tube(new double[] {0, 0, 0}, new double[] {18, 28, 36}, -70, new double[] {5.5, 4.5, 3}, 1.0, 1.2, 0.7, NO_CANAL);
        double[] fy = {-80, -60, -42, -25}, fr = {6.5, 6, 5, 4.2}, fx = {21, 19, 16.5, 13};
        for (int i = 0; i < fy.length; i++) {
            for (int g = -1; g <= 1; g += 2) {
                r.hole(g * fx[i] * w, fy[i], -60, fr[i], fr[i] * 0.9, 0.55);
                // sacral arcuate line: the dense roof of each anterior foramen
                r.tube(arc(fx[i] * w, fy[i], fr[i] + 1.5, 20, 160, 6, g), arcY(fy[i], fr[i] + 1.5, 20, 160, 6), -60,
                        flat(6, 1.0), 0.01, 1.3, 1.3, NO_CANAL);
            }
        }
    }

    private void vertebra(double yc, double hw, boolean l5) {
        double hh = 13.5;
        double[] xs = {-hw, -hw + 4, -hw + 5, -hw + 4, -hw, hw, hw - 4, hw - 5, hw - 4, hw};
        double[] ys = {yc - hh, yc - hh + 4, yc, yc + hh - 4, yc + hh, yc + hh, yc + hh - 4, yc, yc - hh + 4, yc - hh};
        r.plate(xs, ys, -30, 11, 3, 7, 1.6);
        for (int g = -1; g <= 1; g += 2) {
            r.ellipsoid(g * 16, yc - 4, -45, 5.5, 7.5, 7, 0, 1.7, 1.7, 0.3);
            double tx = l5 ? 50 : 44, ty = l5 ? yc - 12 : yc - 7;
            r.tube(new double[] {g * 20, g * tx}, new double[] {yc - 5, ty}, -50, new double[] {6, 3}, 1.0, 1.0, 0.5, NO_CANAL);
        }
        r.ellipsoid(0, yc + 7, -65, 4, 11, 9, 0, 1.5, 1.4, 0.6);
    }

    /** Corner cutting: each pass replaces every edge by two points at 1/4 and 3/4 (a smooth closed outline). */
    private static double[][] chaikin(double[] xs, double[] ys, int passes) {
        for (int p = 0; p < passes; p++) {
            int n = xs.length;
            double[] nx = new double[2 * n], ny = new double[2 * n];
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                nx[2 * i] = 0.75 * xs[i] + 0.25 * xs[j]; ny[2 * i] = 0.75 * ys[i] + 0.25 * ys[j];
                nx[2 * i + 1] = 0.25 * xs[i] + 0.75 * xs[j]; ny[2 * i + 1] = 0.25 * ys[i] + 0.75 * ys[j];
            }
            xs = nx; ys = ny;
        }
        return new double[][] {xs, ys};
    }

    private static double[] flat(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Mirrors side-local x (distance from the midline) to the side being drawn. */
    private double[] mirror(double[] u) { return mirror(u, sideSign); }

    private static double[] mirror(double[] u, double g) {
        double[] x = new double[u.length];
        for (int i = 0; i < u.length; i++) x[i] = g * u[i];
        return x;
    }

    private static double[] arc(double cx, double cy, double rad, double from, double to, int n, double g) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.toRadians(from + (to - from) * i / (n - 1));
            x[i] = g * (cx + rad * Math.cos(t));
        }
        return x;
    }

    private static double[] arcY(double cy, double rad, double from, double to, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.toRadians(from + (to - from) * i / (n - 1));
            y[i] = cy - rad * Math.sin(t);
        }
        return y;
    }
}
