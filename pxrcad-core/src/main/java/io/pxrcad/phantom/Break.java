package io.pxrcad.phantom;

/**
 * A fracture in pixel space, ready to be applied to the bone projection.
 *
 * @param cx        centre of the fracture line (pixels)
 * @param cy        centre of the fracture line (pixels)
 * @param tx        unit direction along the fracture line
 * @param ty        unit direction along the fracture line
 * @param halfLen   half length of the line (pixels): about half the bone's width there
 * @param gap       width of the lucent break line (pixels)
 * @param depth     share of the bone removed along the break line, in (0, 1]
 * @param dispX     displacement of the distal fragment (pixels)
 * @param dispY     displacement of the distal fragment (pixels)
 * @param angle     angulation of the distal fragment (radians)
 * @param impaction extra density in the impaction band (0 = none)
 * @param jag       amplitude of the line's irregularity (pixels)
 * @param phase     phase of the irregularity
 */
record Break(double cx, double cy, double tx, double ty, double halfLen, double gap, double depth,
             double dispX, double dispY, double angle, double impaction, double jag, double phase) {
    /** Unit normal pointing into the displaced (distal) fragment. */
    double nx() { return -ty; }
    double ny() { return tx; }
}
