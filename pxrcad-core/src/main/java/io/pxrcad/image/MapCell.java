package io.pxrcad.image;

/**
 * A cell of the stage-1 probability map ({@code h x w} grid): {@code row} i in
 * {@code [0, h)}, {@code col} j in {@code [0, w)}.
 */
public record MapCell(int row, int col) {
    public MapCell {
        if (row < 0 || col < 0) {
            throw new IllegalArgumentException("row and col must be >= 0 but were " + row + ", " + col);
        }
    }
}
