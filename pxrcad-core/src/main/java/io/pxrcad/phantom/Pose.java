package io.pxrcad.phantom;

/**
 * Maps the canonical anatomical frame to image pixels. Canonical units are millimetres,
 * origin midway between the femoral heads, x to the image right (patient left), y down,
 * z anterior. Axial rotation moves anterior and posterior structures sideways (the
 * symphysis off the sacral midline), tilt scales heights, then an in-plane rotation, a
 * scale and a shift place the patient on the detector.
 */
final class Pose {
    final double scale;          // pixels per mm
    private final double cos, sin, axialSin, axialCos, tilt, cx, cy;

    Pose(double scale, double rotation, double axial, double tilt, double cx, double cy) {
        this.scale = scale;
        this.cos = Math.cos(rotation);
        this.sin = Math.sin(rotation);
        this.axialSin = Math.sin(axial);
        this.axialCos = Math.cos(axial);
        this.tilt = tilt;
        this.cx = cx;
        this.cy = cy;
    }

    double px(double x, double y, double z) {
        double xe = x * axialCos + z * axialSin, ye = y * tilt;
        return cx + scale * (xe * cos - ye * sin);
    }

    double py(double x, double y, double z) {
        double xe = x * axialCos + z * axialSin, ye = y * tilt;
        return cy + scale * (xe * sin + ye * cos);
    }

    /** Rotates a canonical direction into pixel space (unit length out). */
    double[] direction(double dx, double dy) {
        double xe = dx * axialCos, ye = dy * tilt;
        double ox = xe * cos - ye * sin, oy = xe * sin + ye * cos;
        double n = Math.hypot(ox, oy);
        return new double[] {ox / n, oy / n};
    }

    double rotation() { return Math.atan2(sin, cos); }
}
