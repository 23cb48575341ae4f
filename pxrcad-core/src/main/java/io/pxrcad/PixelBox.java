package io.pxrcad;

/**
 * An axis-aligned box in original-image pixel coordinates: {@code x0 <= x < x1},
 * {@code y0 <= y < y1} (x to the right, y down, origin at the top-left pixel corner).
 */
public record PixelBox(double x0, double y0, double x1, double y1) {
    public PixelBox {
        if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))) {
            throw new IllegalArgumentException("box coordinates must be finite but were " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("box must have x0 < x1 and y0 < y1 but was " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    public double width() { return x1 - x0; }
    public double height() { return y1 - y0; }
    public double centerX() { return (x0 + x1) / 2; }
    public double centerY() { return (y0 + y1) / 2; }

    public boolean contains(double x, double y) { return x >= x0 && x < x1 && y >= y0 && y < y1; }

    /** True when the box lies within an image of the given size. */
    public boolean inside(int width, int height) { return x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height; }

    /** The box grown by {@code margin} pixels on each side. */
    public PixelBox expand(double margin) { return new PixelBox(x0 - margin, y0 - margin, x1 + margin, y1 + margin); }

    /** {@code x0,y0,x1,y1} as written in manifests. */
    public String toCsv() { return fmt(x0) + "," + fmt(y0) + "," + fmt(x1) + "," + fmt(y1); }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
