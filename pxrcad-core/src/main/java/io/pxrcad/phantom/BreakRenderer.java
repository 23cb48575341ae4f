package io.pxrcad.phantom;

import io.pxrcad.PixelBox;

/**
 * Applies a {@link Break} to the bone projection, in place: a lucent, irregular break line
 * across the bone (cortical break), the fragment on one side displaced and angulated
 * (step-offs in the cortex), and for impacted fractures a dense band where the fragments
 * overlap. Everything fades out within a disc of about the line's length, so the change
 * is local; changes below 1% of the local bone maximum are dropped, and the returned box
 * is exactly the bounding box of the changed pixels.
 */
final class BreakRenderer {
    private BreakRenderer() {}

    /** Returns the box of changed pixels, or null when the break missed bone entirely. */
    static PixelBox apply(float[] bone, int w, int h, Break b) {
        double disp = Math.hypot(b.dispX(), b.dispY());
        double inner = b.halfLen(), outer = inner + 3 * b.gap() + disp + 2;
        double reach = outer + disp + Math.abs(b.angle()) * outer + 3;
        int rx0 = clamp(b.cx() - reach, w), rx1 = clamp(b.cx() + reach + 1, w);
        int ry0 = clamp(b.cy() - reach, h), ry1 = clamp(b.cy() + reach + 1, h);
        int rw = rx1 - rx0, rh = ry1 - ry0;
        if (rw <= 1 || rh <= 1) return null;
        float[] orig = new float[rw * rh];
        float max = 0;
        for (int y = 0; y < rh; y++) {
            System.arraycopy(bone, (y + ry0) * w + rx0, orig, y * rw, rw);
        }
        for (float v : orig) max = Math.max(max, v);
        if (max <= 0) return null;
        float eps = 0.01f * max;
        double nx = b.nx(), ny = b.ny(), cos = Math.cos(b.angle()), sin = Math.sin(b.angle());
        int bx0 = Integer.MAX_VALUE, by0 = Integer.MAX_VALUE, bx1 = -1, by1 = -1;
        for (int y = ry0; y < ry1; y++) {
            double ry = y + 0.5 - b.cy();
            for (int x = rx0; x < rx1; x++) {
                double rx = x + 0.5 - b.cx();
                double r = Math.sqrt(rx * rx + ry * ry);
                if (r >= outer) continue;
                double wt = r <= inner ? 1 : smooth(1 - (r - inner) / (outer - inner));
                double a = rx * b.tx() + ry * b.ty();
                double sn = rx * nx + ry * ny - b.jag() * (0.6 * Math.sin(a * 0.35 + b.phase()) + 0.4 * Math.sin(a * 0.9 + 2 * b.phase()));
                float o = orig[(y - ry0) * rw + (x - rx0)];
                double val = o;
                if (sn > 0) {
                    double ang = b.angle() * wt, c = Math.cos(ang), s = Math.sin(ang);
                    double sx = b.cx() + c * rx + s * ry - b.dispX() * wt - 0.5;
                    double sy = b.cy() - s * rx + c * ry - b.dispY() * wt - 0.5;
                    val = bilinear(orig, rw, rh, sx - rx0, sy - ry0);
                }
                double along = Math.abs(a) <= inner ? 1 : Math.max(0, 1 - (Math.abs(a) - inner) / (2 * b.gap() + 1));
                double q = sn / b.gap();
                val *= 1 - b.depth() * Math.exp(-q * q) * along * wt;
                if (b.impaction() > 0) {
                    double qi = (sn + 1.8 * b.gap()) / (1.2 * b.gap() + 1);
                    val += b.impaction() * o * Math.exp(-qi * qi) * along * wt;
                }
                if (Math.abs(val - o) < eps) continue;
                bone[y * w + x] = (float) val;
                bx0 = Math.min(bx0, x); by0 = Math.min(by0, y);
                bx1 = Math.max(bx1, x); by1 = Math.max(by1, y);
            }
        }
        return bx1 < 0 ? null : new PixelBox(bx0, by0, bx1 + 1, by1 + 1);
    }

    private static float bilinear(float[] v, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w - 1.001, x));
        y = Math.max(0, Math.min(h - 1.001, y));
        int ix = (int) x, iy = (int) y;
        double fx = x - ix, fy = y - iy;
        int i = iy * w + ix;
        double top = v[i] + fx * (v[i + 1] - v[i]), bot = v[i + w] + fx * (v[i + w + 1] - v[i + w]);
        return (float) (top + fy * (bot - top));
    }

    private static double smooth(double t) { return t * t * (3 - 2 * t); }

    private static int clamp(double v, int max) { return (int) Math.max(0, Math.min(max, Math.floor(v))); }
}
