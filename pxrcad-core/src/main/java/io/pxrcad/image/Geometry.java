package io.pxrcad.image;

import io.pxrcad.PixelBox;

/**
 * Coordinates between the three spaces of one image: original pixels ({@code origWidth x
 * origHeight}), the model input (the whole image resized, non-uniformly and without padding,
 * to {@code inputSize x inputSize}) and the probability map ({@code mapHeight x mapWidth}
 * cells, each covering {@code inputSize/mapWidth x inputSize/mapHeight} input pixels).
 * Points are continuous {@code {x, y}} with the origin at the top-left pixel corner, so that
 * pixel {@code (i, j)} has its centre at {@code (j + 0.5, i + 0.5)}.
 */
public record Geometry(int origWidth, int origHeight, int inputSize, int mapWidth, int mapHeight) {
    public Geometry {
        if (origWidth <= 0 || origHeight <= 0 || inputSize <= 0 || mapWidth <= 0 || mapHeight <= 0) {
            throw new IllegalArgumentException("sizes must be > 0 but were original " + origWidth + "x" + origHeight
                    + ", input " + inputSize + ", map " + mapWidth + "x" + mapHeight);
        }
    }

    private double sx() { return (double) inputSize / origWidth; }
    private double sy() { return (double) inputSize / origHeight; }

    /** Original point → input point {@code {x, y}}. */
    public double[] toInput(double x, double y) { return new double[] {x * sx(), y * sy()}; }

    /** Input point → original point {@code {x, y}}. */
    public double[] toOriginal(double x, double y) { return new double[] {x / sx(), y / sy()}; }

    /** A box in original pixels → the same region in input pixels. */
    public InputBox boxToInput(PixelBox b) {
        return new InputBox(b.x0() * sx(), b.y0() * sy(), b.x1() * sx(), b.y1() * sy());
    }

    /** A box in input pixels → the same region in original pixels. */
    public PixelBox boxToOriginal(InputBox b) {
        return new PixelBox(b.x0() / sx(), b.y0() / sy(), b.x1() / sx(), b.y1() / sy());
    }

    /** The map cell whose region contains the original point (clamped to the grid). */
    public MapCell cellOf(double xOrig, double yOrig) {
        double[] p = toInput(xOrig, yOrig);
        int j = (int) Math.floor(p[0] * mapWidth / inputSize);
        int i = (int) Math.floor(p[1] * mapHeight / inputSize);
        return new MapCell(clamp(i, mapHeight), clamp(j, mapWidth));
    }

    /** Centre of a cell in input pixels: {@code ((j+0.5)*S/w, (i+0.5)*S/h)} as {@code {x, y}}. */
    public double[] cellCenterInput(MapCell c) {
        checkCell(c);
        return new double[] {(c.col() + 0.5) * inputSize / mapWidth, (c.row() + 0.5) * inputSize / mapHeight};
    }

    /** Centre of a cell in original pixels, {@code {x, y}}. */
    public double[] cellCenterOriginal(MapCell c) {
        double[] p = cellCenterInput(c);
        return toOriginal(p[0], p[1]);
    }

    /** The region a cell covers, in input pixels. */
    public InputBox cellBoxInput(MapCell c) {
        checkCell(c);
        double cw = (double) inputSize / mapWidth, ch = (double) inputSize / mapHeight;
        return new InputBox(c.col() * cw, c.row() * ch, (c.col() + 1) * cw, (c.row() + 1) * ch);
    }

    /** The region a cell covers, in original pixels. */
    public PixelBox cellBoxOriginal(MapCell c) { return boxToOriginal(cellBoxInput(c)); }

    private void checkCell(MapCell c) {
        if (c.row() >= mapHeight || c.col() >= mapWidth) {
            throw new IllegalArgumentException("expected a cell inside the " + mapHeight + "x" + mapWidth
                    + " map but was " + c);
        }
    }

    private static int clamp(int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; }
}
