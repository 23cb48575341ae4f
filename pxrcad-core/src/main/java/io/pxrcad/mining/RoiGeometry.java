package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import io.pxrcad.PixelBox;
import io.pxrcad.image.InputBox;

/**
 * Maps a probability-map cell to its square ROI in model-input pixels (METHOD.md "ROI mining").
 *
 * <p>The model input is a square of side {@code imageSize} S; a map of {@code h x w} cells covers
 * it, so cell {@code (i,j)} has its centre at {@code ((j+0.5)*S/w, (i+0.5)*S/h)}. The ROI is the
 * square of side {@code roiSize} centred there, its corner rounded to a whole pixel and then
 * shifted (not clipped) to lie inside the image, so every ROI has exactly {@code roiSize}^2 pixels.
 * {@link #toOriginal} takes a box to the original image's pixels.
 *
 * @param imageSize side S of the square model input in pixels (> 0)
 * @param roiSize side of the ROI in model-input pixels, in [1, imageSize]
 */
public record RoiGeometry(int imageSize, int roiSize) {
    /** ROI side as a fraction of the image side: 256 px at 961 px (METHOD.md). */
    public static final double DEFAULT_ROI_FRACTION = 0.266;

    public RoiGeometry {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("imageSize must be > 0 but was " + imageSize);
        }
        if (roiSize <= 0 || roiSize > imageSize) {
            throw new IllegalArgumentException("roiSize must be in [1, imageSize=" + imageSize + "] but was " + roiSize);
        }
    }

    /** The default ROI size {@code round(imageSize * 0.266)} (256 at 961). */
    public static RoiGeometry forImageSize(int imageSize) {
        return forImageSize(imageSize, DEFAULT_ROI_FRACTION);
    }

    /** An ROI of side {@code round(imageSize * fraction)} (at least 1 px). */
    public static RoiGeometry forImageSize(int imageSize, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("ROI fraction must be in (0,1] but was " + fraction);
        }
        return new RoiGeometry(imageSize, (int) Math.max(1, Math.round(imageSize * fraction)));
    }

    /**
     * @param cell the cell {@code (i,j)} of a map of {@code mapHeight x mapWidth} cells
     * @return the ROI in model-input pixels: integer corners, side {@code roiSize}, inside {@code [0,S]^2}
     */
    public InputBox box(MapCell cell, int mapHeight, int mapWidth) {
        if (mapHeight <= 0 || mapWidth <= 0) {
            throw new IllegalArgumentException("map size must be > 0 but was " + mapHeight + "x" + mapWidth);
        }
        if (cell.row() >= mapHeight || cell.col() >= mapWidth) {
            throw new IllegalArgumentException("cell " + cell + " outside map " + mapHeight + "x" + mapWidth);
        }
        double cx = (cell.col() + 0.5) * imageSize / mapWidth;
        double cy = (cell.row() + 0.5) * imageSize / mapHeight;
        long x0 = shiftInside(Math.round(cx - roiSize / 2.0));
        long y0 = shiftInside(Math.round(cy - roiSize / 2.0));
        return new InputBox(x0, y0, x0 + roiSize, y0 + roiSize);
    }

    /** {@link #box(MapCell, int, int)} for a cell of {@code map}. */
    public InputBox box(MapCell cell, ProbabilityMap map) {
        return box(cell, map.height(), map.width());
    }

    /**
     * A box in model-input pixels scaled to an original image of {@code width x height} pixels
     * (the model input is that image resized to S x S without keeping the aspect ratio).
     */
    public PixelBox toOriginal(InputBox box, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("original image size must be > 0 but was " + width + "x" + height);
        }
        double sx = (double) width / imageSize;
        double sy = (double) height / imageSize;
        return new PixelBox(box.x0() * sx, box.y0() * sy, box.x1() * sx, box.y1() * sy);
    }

    private long shiftInside(long start) {
        return Math.max(0, Math.min(imageSize - roiSize, start));
    }
}
