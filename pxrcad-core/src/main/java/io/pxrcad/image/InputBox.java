package io.pxrcad.image;

/**
 * An axis-aligned box in model-input pixels: the {@code S x S} square the networks see (the
 * radiograph resized without keeping its aspect ratio), {@code x0 <= x < x1}, {@code y0 <= y < y1}.
 * Boxes in the original image's pixels are {@link io.pxrcad.PixelBox}es; {@link Geometry} and
 * {@code RoiGeometry.toOriginal} convert between the two.
 */
public record InputBox(double x0, double y0, double x1, double y1) {
    public InputBox {
        if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1)) || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("input box must be finite with x0 < x1 and y0 < y1 but was "
                    + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    public double width() { return x1 - x0; }
    public double height() { return y1 - y0; }
    public double centerX() { return (x0 + x1) / 2; }
    public double centerY() { return (y0 + y1) / 2; }

    /** True when the box lies within the {@code side x side} model input. */
    public boolean inside(int side) { return x0 >= 0 && y0 >= 0 && x1 <= side && y1 <= side; }
}
