package io.pxrcad.mining;

/**
 * A cell of a stage-1 probability map: {@code row} in {@code [0,h)}, {@code col} in {@code [0,w)}.
 * Map coordinates, not pixels; {@link RoiGeometry} turns a cell into a pixel box.
 */
public record Cell(int row, int col) {
    public Cell {
        if (row < 0 || col < 0) {
            throw new IllegalArgumentException("cell row and col must be >= 0 but were (" + row + "," + col + ")");
        }
    }
}
