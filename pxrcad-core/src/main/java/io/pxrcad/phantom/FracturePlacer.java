package io.pxrcad.phantom;

/**
 * Turns a {@link FractureSpec} into a {@link Break} for one image: where on the patient's
 * bones the line lies (from the skeleton's landmarks), and how visible it is for the
 * cohort's difficulty. Higher difficulty narrows the line, makes it fainter, and reduces
 * displacement, angulation and impaction.
 */
final class FracturePlacer {
    private FracturePlacer() {}

    static Break place(FractureSpec f, Skeleton sk, Pose pose, double difficulty) {
        double[] u = f.u();
        int s = f.side();
        double g = Skeleton.sign(s);
        double cx, cy, tx, ty, half, dx, dy; // canonical; (tx, ty) along the line, normal points distal
        switch (f.site()) {
            case FEMORAL_NECK -> {
                double[] h = sk.head(s), d = sk.neckDir(s);
                double len = sk.neckLen[s] * sk.foreshorten[s];
                double at = sk.headR[s] * 0.75 + (len * 0.7 - sk.headR[s] * 0.75) * u[0]; // subcapital .. basicervical
                cx = h[0] + d[0] * at; cy = h[1] + d[1] * at;
                double a = Math.atan2(d[1], d[0]) + Math.PI / 2 + Math.toRadians(30 * (u[1] - 0.5));
                tx = Math.cos(a); ty = Math.sin(a);
                half = sk.neckRadius(s) * 1.25;
                dx = -0.6 * d[0]; dy = -0.6 * d[1] - 0.4;
            }
            case INTERTROCHANTERIC -> {
                double[] gt = sk.greaterTrochanter(s), lt = sk.lesserTrochanter(s);
                double m = 0.4 + 0.2 * u[0];
                cx = gt[0] + (lt[0] - gt[0]) * m; cy = gt[1] + 6 + (lt[1] - gt[1]) * m;
                double len = Math.hypot(lt[0] - gt[0], lt[1] - gt[1]);
                tx = (lt[0] - gt[0]) / len; ty = (lt[1] - gt[1]) / len;
                half = len * 0.55 + 4;
                dx = -g * 0.3; dy = -1;
            }
            case PUBIC_RAMUS -> {
                double[][] ramus = u[2] < 0.7 ? sk.superiorRamus(s) : sk.inferiorRamus(s);
                double t = (0.3 + 0.55 * u[0]) * (ramus[0].length - 1);
                int k = Math.min(ramus[0].length - 2, (int) t);
                double lt = t - k;
                double ex = ramus[0][k + 1] - ramus[0][k], ey = ramus[1][k + 1] - ramus[1][k], len = Math.hypot(ex, ey);
                cx = ramus[0][k] + ex * lt; cy = ramus[1][k] + ey * lt;
                double a = Math.atan2(ey, ex) + Math.PI / 2 + Math.toRadians(40 * (u[1] - 0.5));
                tx = Math.cos(a); ty = Math.sin(a);
                half = u[2] < 0.7 ? 14 : 11;
                dx = 0.3 * ex / len; dy = 0.8;
            }
            case ILIAC_WING -> {
                cx = g * (88 + 24 * u[0]); cy = -108 + 22 * u[1];
                double a = Math.PI / 2 + g * Math.toRadians(40 * (u[2] - 0.3));
                tx = Math.cos(a); ty = Math.sin(a);
                half = 20 + 12 * u[3];
                dx = g * 1; dy = 0.5;
            }
            case ACETABULUM -> {
                double[] h = sk.head(s);
                cx = h[0] - g * (sk.headR[s] * (0.2 + 0.6 * u[0])); cy = h[1] - sk.headR[s] * (0.6 + 0.5 * u[1]);
                double a = Math.PI / 2 + g * Math.toRadians(-35 + 50 * u[2]);
                tx = Math.cos(a); ty = Math.sin(a);
                half = 16 + 8 * u[3];
                dx = -g * 1; dy = 0.3;
            }
            case SACRUM -> {
                cx = g * (24 + 16 * u[0]) * sk.sacrumWidth; cy = -75 + 40 * u[1];
                double a = Math.PI / 2 + Math.toRadians(20 * (u[2] - 0.5));
                tx = Math.cos(a); ty = Math.sin(a);
                half = 18 + 12 * u[3];
                dx = g; dy = 0;
            }
            default -> throw new IllegalStateException("unknown site " + f.site());
        }
        // orient the normal (-ty, tx) along the displacement direction so the distal fragment moves
        if (-ty * dx + tx * dy < 0) { tx = -tx; ty = -ty; }
        double z = switch (f.site()) {
            case SACRUM -> -60;
            case ILIAC_WING -> -20;
            case PUBIC_RAMUS -> 20;
            default -> 0;
        };
        double ease = 1 - difficulty, px = pose.scale;
        double[] t = pose.direction(tx, ty);
        double[] d = pose.direction(dx, dy);
        // ease^2: displacement and width grow fast towards difficulty 0; at difficulty 1 a fracture
        // is a faint hairline. The ease^6 terms add gross displacement (12-48 mm) and a gap of
        // 8-12 mm near difficulty 0 only (at 0.5 they add under 0.7 mm): an obviously broken bone
        // even at 128 px (3 mm per pixel), where 2-10 mm is 1-3 pixels and a network trained from
        // scratch on ~200 images does not find it (held-out AUC 0.59-0.62, see README).
        double e6 = Math.pow(ease, 6);
        double disp = (ease * ease * (2 + 8 * u[4]) + e6 * (10 + 30 * u[4])) * px;
        // at least 0.7 px wide so that small images still sample the break line
        double gap = Math.max(0.7, (0.5 + (1.2 * ease + 2.4 * ease * ease + 8.4 * e6) * (0.6 + 0.4 * u[5])) * px);
        double depth = 0.25 + 0.65 * ease;
        double angle = Math.toRadians(ease * (2 + 8 * u[6])) * (u[7] < 0.5 ? -1 : 1);
        boolean impacted = f.site().type() == io.pxrcad.FractureType.HIP && u[5] > 0.5 || f.site() == FractureSite.ACETABULUM;
        double impaction = impacted ? 0.15 + 0.45 * ease : 0;
        return new Break(pose.px(cx, cy, z), pose.py(cx, cy, z), t[0], t[1], half * px, gap, depth,
                d[0] * disp, d[1] * disp, angle, impaction, (0.4 + 0.8 * u[3]) * px, 10 * u[6]);
    }
}
