package io.pxrcad.eval;

import io.pxrcad.PixelBox;

import java.util.List;

/**
 * The pointing game of METHOD.md's ROI label accuracy: a point (an ROI centre, a heatmap
 * maximum) counts as a hit when it lies inside any annotated box grown by a tolerance on each
 * side (METHOD.md: half a map cell, in the same pixel space as the boxes).
 */
public final class Pointing {
    private Pointing() {}

    /**
     * @param boxes true fracture boxes in original-image pixels
     * @param x     the point, original pixels
     * @param tolX  tolerance left and right (e.g. half a cell width)
     * @param tolY  tolerance above and below
     */
    public static boolean hit(List<PixelBox> boxes, double x, double y, double tolX, double tolY) {
        if (!(tolX >= 0 && tolY >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0 but were " + tolX + ", " + tolY);
        }
        for (PixelBox b : boxes) {
            if (x >= b.x0() - tolX && x <= b.x1() + tolX && y >= b.y0() - tolY && y <= b.y1() + tolY) return true;
        }
        return false;
    }

    /**
     * Whether the centre of map cell ({@code col}, {@code row}) of a {@code mapWidth x mapHeight} map
     * over an image of {@code imageWidth x imageHeight} original pixels lies in a box (no tolerance:
     * the heatmap-maximum criterion).
     */
    public static boolean cellHit(List<PixelBox> boxes, int col, int row, int mapWidth, int mapHeight,
                                  double imageWidth, double imageHeight) {
        return hit(boxes, (col + 0.5) * imageWidth / mapWidth, (row + 0.5) * imageHeight / mapHeight, 0, 0);
    }
}
