package io.pxrcad.phantom;

/**
 * Projected thickness of simple solids, drawn into a {@link Layer} by maximum. Geometry
 * is given in canonical millimetres and placed by a {@link Pose}; values are path lengths
 * through the solid in millimetres, weighted by density (cortex denser than cancellous
 * bone), i.e. line integrals of attenuation. Every loop is limited to the solid's
 * bounding box and allocates nothing per pixel.
 */
final class Raster {
    private final Pose pose;
    private final Layer layer;

    Raster(Pose pose, Layer layer) {
        this.pose = pose;
        this.layer = layer;
    }

    Layer layer() { return layer; }

    /**
     * A tube along a polyline (a long bone, a ramus, a cortical line): circular cross
     * section of radius {@code r[k]} at vertex k, a cortex of {@code cortex} mm and an
     * optional medullary canal of radius {@code canal[k]} (null for none).
     */
    void tube(double[] xs, double[] ys, double z, double[] r, double cortex, double dCortex, double dCancel, double[] canal) {
        tube(xs, ys, z, r, cortex, dCortex, dCancel, canal, true);
    }

    /** As above; with {@code capped == false} the tube starts flat at its first vertex (no rounded end inside a joint). */
    void tube(double[] xs, double[] ys, double z, double[] r, double cortex, double dCortex, double dCancel, double[] canal,
              boolean capped) {
        int n = xs.length;
        double s = pose.scale;
        double[] px = new double[n], py = new double[n], pr = new double[n], pc = new double[n];
        double bx0 = Double.MAX_VALUE, by0 = Double.MAX_VALUE, bx1 = -Double.MAX_VALUE, by1 = -Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            px[k] = pose.px(xs[k], ys[k], z);
            py[k] = pose.py(xs[k], ys[k], z);
            pr[k] = r[k] * s;
            pc[k] = canal == null ? 0 : canal[k] * s;
            bx0 = Math.min(bx0, px[k] - pr[k]); bx1 = Math.max(bx1, px[k] + pr[k]);
            by0 = Math.min(by0, py[k] - pr[k]); by1 = Math.max(by1, py[k] + pr[k]);
        }
        int xa = clampX(bx0), xb = clampX(bx1 + 2), ya = clampY(by0), yb = clampY(by1 + 2);
        layer.touch(xa, ya, xb, yb);
        double cortexPx = cortex * s;
        float[] v = layer.v;
        int w = layer.width;
        int[] near = new int[n];
        for (int y = ya; y < yb; y++) {
            double fy = y + 0.5;
            int nn = 0;
            double rowX0 = Double.MAX_VALUE, rowX1 = -Double.MAX_VALUE;
            for (int k = 0; k + 1 < n; k++) {
                double reach = Math.max(pr[k], pr[k + 1]);
                if (fy < Math.min(py[k], py[k + 1]) - reach || fy > Math.max(py[k], py[k + 1]) + reach) continue;
                near[nn++] = k;
                rowX0 = Math.min(rowX0, Math.min(px[k], px[k + 1]) - reach);
                rowX1 = Math.max(rowX1, Math.max(px[k], px[k + 1]) + reach);
            }
            if (nn == 0) continue;
            int xFrom = Math.max(xa, clampX(rowX0)), xTo = Math.min(xb, clampX(rowX1 + 2));
            for (int x = xFrom; x < xTo; x++) {
                double fx = x + 0.5;
                double bestQ = 1, bestD = 0, bestR = 0, bestC = 0;
                for (int m = 0; m < nn; m++) {
                    int k = near[m];
                    double ex = px[k + 1] - px[k], ey = py[k + 1] - py[k];
                    double len2 = ex * ex + ey * ey;
                    double t = len2 == 0 ? 0 : ((fx - px[k]) * ex + (fy - py[k]) * ey) / len2;
                    if (!capped && k == 0 && t < 0) continue;
                    t = t < 0 ? 0 : (t > 1 ? 1 : t);
                    double dx = fx - px[k] - t * ex, dy = fy - py[k] - t * ey;
                    double d = Math.sqrt(dx * dx + dy * dy);
                    double rr = pr[k] + t * (pr[k + 1] - pr[k]);
                    double q = d / rr;
                    if (q < bestQ) {
                        bestQ = q; bestD = d; bestR = rr; bestC = pc[k] + t * (pc[k + 1] - pc[k]);
                    }
                }
                if (bestQ >= 1) continue;
                double d2 = bestD * bestD;
                double outer = 2 * Math.sqrt(bestR * bestR - d2);
                double ri = bestR - cortexPx;
                double inner = bestD < ri ? 2 * Math.sqrt(ri * ri - d2) : 0;
                double val = dCortex * (outer - inner) + dCancel * inner;
                if (bestD < bestC) val -= 0.7 * dCancel * 2 * Math.sqrt(bestC * bestC - d2);
                float f = (float) (val / s);
                int i = y * w + x;
                if (f > v[i]) v[i] = f;
            }
        }
    }

    /** An ellipsoid with semi-axes {@code rx, ry} in the image plane (rotated by {@code angle}) and {@code rz} along the beam. */
    void ellipsoid(double cx, double cy, double z, double rx, double ry, double rz, double angle,
                   double cortex, double dCortex, double dCancel) {
        double s = pose.scale;
        double pcx = pose.px(cx, cy, z), pcy = pose.py(cx, cy, z);
        double a = angle + pose.rotation(), ca = Math.cos(a), sa = Math.sin(a);
        double prx = rx * s, pry = ry * s, prz = rz * s, c = cortex * s;
        double irx = Math.max(prx - c, 1e-3), iry = Math.max(pry - c, 1e-3), irz = Math.max(prz - c, 0);
        double ext = Math.max(prx, pry);
        int xa = clampX(pcx - ext), xb = clampX(pcx + ext + 2), ya = clampY(pcy - ext), yb = clampY(pcy + ext + 2);
        layer.touch(xa, ya, xb, yb);
        float[] v = layer.v;
        int w = layer.width;
        for (int y = ya; y < yb; y++) {
            double dy = y + 0.5 - pcy;
            for (int x = xa; x < xb; x++) {
                double dx = x + 0.5 - pcx;
                double u = dx * ca + dy * sa, t = -dx * sa + dy * ca;
                double q2 = (u * u) / (prx * prx) + (t * t) / (pry * pry);
                if (q2 >= 1) continue;
                double outer = 2 * prz * Math.sqrt(1 - q2);
                double qi2 = (u * u) / (irx * irx) + (t * t) / (iry * iry);
                double inner = qi2 < 1 ? 2 * irz * Math.sqrt(1 - qi2) : 0;
                float f = (float) ((dCortex * (outer - inner) + dCancel * inner) / s);
                int i = y * w + x;
                if (f > v[i]) v[i] = f;
            }
        }
    }

    /**
     * A flat bone plate (iliac wing, sacrum, vertebral body) bounded by a polygon: thickness
     * {@code thick} mm rising over {@code edge} mm from the border, plus a cortical rim of
     * {@code rim} mm that fades over {@code rimWidth} mm inwards.
     */
    void plate(double[] xs, double[] ys, double z, double thick, double edge, double rim, double rimWidth) {
        int n = xs.length;
        double s = pose.scale;
        double[] px = new double[n], py = new double[n];
        double bx0 = Double.MAX_VALUE, by0 = Double.MAX_VALUE, bx1 = -Double.MAX_VALUE, by1 = -Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            px[k] = pose.px(xs[k], ys[k], z);
            py[k] = pose.py(xs[k], ys[k], z);
            bx0 = Math.min(bx0, px[k]); bx1 = Math.max(bx1, px[k]);
            by0 = Math.min(by0, py[k]); by1 = Math.max(by1, py[k]);
        }
        int xa = clampX(bx0), xb = clampX(bx1 + 2), ya = clampY(by0), yb = clampY(by1 + 2);
        layer.touch(xa, ya, xb, yb);
        double edgePx = edge * s, rimPx = rimWidth * s;
        // beyond this distance from the border the profile is flat: no need to know the exact distance
        double reach = Math.max(edgePx, 6 * rimPx);
        double flat = thick + rim * Math.exp(-reach / rimPx);
        float[] v = layer.v;
        int w = layer.width;
        double[] crossings = new double[n];
        int[] near = new int[n];
        for (int y = ya; y < yb; y++) {
            double fy = y + 0.5;
            int nc = 0, nn = 0;
            for (int k = 0, j = n - 1; k < n; j = k++) {
                double ay = py[j], by = py[k];
                if ((by > fy) != (ay > fy)) crossings[nc++] = px[j] + (fy - ay) * (px[k] - px[j]) / (by - ay);
                if (fy >= Math.min(ay, by) - reach && fy <= Math.max(ay, by) + reach) near[nn++] = j;
            }
            for (int c = 1; c < nc; c++) { // insertion sort: a row crosses few edges
                double key = crossings[c];
                int j = c - 1;
                while (j >= 0 && crossings[j] > key) { crossings[j + 1] = crossings[j]; j--; }
                crossings[j + 1] = key;
            }
            for (int c = 0; c + 1 < nc; c += 2) {
                int from = Math.max(xa, (int) Math.ceil(crossings[c] - 0.5)), to = Math.min(xb, (int) Math.ceil(crossings[c + 1] - 0.5));
                for (int x = from; x < to; x++) {
                    double fx = x + 0.5;
                    double best = reach * reach;
                    for (int m = 0; m < nn; m++) {
                        int j = near[m], k = j + 1 == n ? 0 : j + 1;
                        double ax = px[j], ay = py[j], ex = px[k] - ax, ey = py[k] - ay;
                        if (fx < Math.min(ax, px[k]) - reach || fx > Math.max(ax, px[k]) + reach) continue;
                        double len2 = ex * ex + ey * ey;
                        double t = len2 == 0 ? 0 : ((fx - ax) * ex + (fy - ay) * ey) / len2;
                        t = t < 0 ? 0 : (t > 1 ? 1 : t);
                        double dx = fx - ax - t * ex, dy = fy - ay - t * ey;
                        double d2 = dx * dx + dy * dy;
                        if (d2 < best) best = d2;
                    }
                    double val;
                    if (best >= reach * reach) {
                        val = flat;
                    } else {
                        double d = Math.sqrt(best);
                        val = thick * Math.min(1, d / edgePx) + rim * Math.exp(-d / rimPx);
                    }
                    float f = (float) val;
                    int i = y * w + x;
                    if (f > v[i]) v[i] = f;
                }
            }
        }
    }

    /** Scales the layer down inside an ellipse (a foramen, a canal): {@code v *= 1 - strength * (1 - q^2)}. */
    void hole(double cx, double cy, double z, double rx, double ry, double strength) {
        double s = pose.scale;
        double pcx = pose.px(cx, cy, z), pcy = pose.py(cx, cy, z);
        double a = pose.rotation(), ca = Math.cos(a), sa = Math.sin(a);
        double prx = rx * s, pry = ry * s, ext = Math.max(prx, pry);
        int xa = clampX(pcx - ext), xb = clampX(pcx + ext + 2), ya = clampY(pcy - ext), yb = clampY(pcy + ext + 2);
        float[] v = layer.v;
        int w = layer.width;
        for (int y = ya; y < yb; y++) {
            double dy = y + 0.5 - pcy;
            for (int x = xa; x < xb; x++) {
                double dx = x + 0.5 - pcx;
                double u = dx * ca + dy * sa, t = -dx * sa + dy * ca;
                double q2 = (u * u) / (prx * prx) + (t * t) / (pry * pry);
                if (q2 >= 1) continue;
                double k = 1 - q2;
                v[y * w + x] *= (float) (1 - strength * k * (2 - k));
            }
        }
    }

    private int clampX(double x) { return (int) Math.max(0, Math.min(layer.width, Math.floor(x))); }
    private int clampY(double y) { return (int) Math.max(0, Math.min(layer.height, Math.floor(y))); }
}
