package io.pxrcad.phantom;

/**
 * Thin line-like structures in pixel space, applied to a projection: lucent grooves
 * (vascular grooves, nutrient canals) that scale the bone down along a polyline, and
 * one-sided edges (skin folds) that add thickness on one side of a polyline. These are
 * the fracture mimics: lines that are not cortical breaks.
 */
final class Strokes {
    private Strokes() {}

    /** {@code v *= 1 - strength * exp(-(d / width)^2)} near the polyline {@code (xs, ys)} (pixels). */
    static void groove(float[] v, int w, int h, double[] xs, double[] ys, double width, double strength) {
        int[] box = bounds(xs, ys, 3 * width + 1, w, h);
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                double d = distance(xs, ys, x + 0.5, y + 0.5, null);
                if (d > 3 * width) continue;
                double q = d / width;
                v[y * w + x] *= (float) (1 - strength * Math.exp(-q * q));
            }
        }
    }

    /** Adds {@code amp * exp(-s / decay)} on the left of the polyline (s = distance), within {@code reach} pixels. */
    static void edge(float[] v, int w, int h, double[] xs, double[] ys, double amp, double decay, double reach) {
        int[] box = bounds(xs, ys, reach, w, h);
        double[] side = new double[1];
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                double d = distance(xs, ys, x + 0.5, y + 0.5, side);
                if (d > reach || side[0] <= 0) continue;
                double fade = 1 - d / reach;
                v[y * w + x] += (float) (amp * Math.exp(-d / decay) * fade);
            }
        }
    }

    /** Distance to the polyline; {@code side[0]} gets the sign of the cross product with the nearest segment. */
    static double distance(double[] xs, double[] ys, double fx, double fy, double[] side) {
        double best = Double.MAX_VALUE;
        for (int k = 0; k + 1 < xs.length; k++) {
            double ex = xs[k + 1] - xs[k], ey = ys[k + 1] - ys[k];
            double len2 = ex * ex + ey * ey;
            double t = len2 == 0 ? 0 : ((fx - xs[k]) * ex + (fy - ys[k]) * ey) / len2;
            boolean interior = t > 0 && t < 1;
            t = t < 0 ? 0 : (t > 1 ? 1 : t);
            double dx = fx - xs[k] - t * ex, dy = fy - ys[k] - t * ey;
            double d2 = dx * dx + dy * dy;
            if (d2 < best) {
                best = d2;
                if (side != null) side[0] = interior ? ex * (fy - ys[k]) - ey * (fx - xs[k]) : 0;
            }
        }
        return Math.sqrt(best);
    }

    private static int[] bounds(double[] xs, double[] ys, double pad, int w, int h) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < xs.length; i++) {
            x0 = Math.min(x0, xs[i]); x1 = Math.max(x1, xs[i]);
            y0 = Math.min(y0, ys[i]); y1 = Math.max(y1, ys[i]);
        }
        return new int[] {clamp(x0 - pad, w), clamp(y0 - pad, h), clamp(x1 + pad + 1, w), clamp(y1 + pad + 1, h)};
    }

    private static int clamp(double v, int max) { return (int) Math.max(0, Math.min(max, Math.floor(v))); }
}
