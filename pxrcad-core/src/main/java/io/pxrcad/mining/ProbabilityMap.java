package io.pxrcad.mining;

import io.pxrcad.image.MapCell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stage-1 probability map of one image: {@code (h,w)} float32 in [0,1], row-major
 * ({@code p[i,j] = values[i*w + j]}). Immutable: the values are copied in and out.
 */
public final class ProbabilityMap {
    private final int height;
    private final int width;
    private final float[] values;

    /**
     * @param height map rows h (> 0)
     * @param width map columns w (> 0)
     * @param values {@code h*w} probabilities in [0,1], row-major; copied
     */
    public ProbabilityMap(int height, int width, float[] values) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("map size must be > 0 but was " + height + "x" + width);
        }
        if (values.length != (long) height * width) {
            throw new IllegalArgumentException("expected " + height + "x" + width + " = " + (height * width)
                    + " map values but got " + values.length);
        }
        for (int k = 0; k < values.length; k++) {
            float v = values[k];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("map values must be in [0,1] but value at ("
                        + k / width + "," + k % width + ") was " + v);
            }
        }
        this.height = height;
        this.width = width;
        this.values = values.clone();
    }

    /** A map from rows {@code rows[i][j]}; all rows must have the same length. */
    public static ProbabilityMap of(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("map must have at least one row");
        }
        int w = rows[0].length;
        float[] flat = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != w) {
                throw new IllegalArgumentException("expected every map row to have " + w + " values but row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * w, w);
        }
        return new ProbabilityMap(rows.length, w, flat);
    }

    public int height() { return height; }
    public int width() { return width; }
    public int size() { return values.length; }

    /** {@code p[row,col]}. */
    public float get(int row, int col) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            throw new IndexOutOfBoundsException("cell (" + row + "," + col + ") outside map " + height + "x" + width);
        }
        return values[row * width + col];
    }

    public float get(MapCell cell) { return get(cell.row(), cell.col()); }

    /** A copy of the values, row-major. */
    public float[] values() { return values.clone(); }

    /** {@code max_ij p[i,j]}: the stage-1 image score {@code ps1}. */
    public float max() { return values[argmaxIndex()]; }

    /** The cell of the maximum; on ties the first in row-major order. */
    public MapCell argmax() {
        int k = argmaxIndex();
        return new MapCell(k / width, k % width);
    }

    /**
     * The {@code k} highest cells (all when the map has fewer), highest first; on ties in row-major
     * order, so the first is {@link #argmax()}.
     */
    public List<MapCell> highest(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1 but was " + k);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // a stable sort keeps row-major order among equal values
        Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]));
        List<MapCell> cells = new ArrayList<>(Math.min(k, order.length));
        for (int i = 0; i < Math.min(k, order.length); i++) cells.add(new MapCell(order[i] / width, order[i] % width));
        return cells;
    }

    /** The candidate set {@code S' = {(i,j) : p[i,j] > threshold}} in row-major order. */
    public List<MapCell> cellsAbove(float threshold) {
        List<MapCell> cells = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            if (values[k] > threshold) {
                cells.add(new MapCell(k / width, k % width));
            }
        }
        return cells;
    }

    private int argmaxIndex() {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityMap m && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() { return 31 * (31 * height + width) + Arrays.hashCode(values); }

    @Override
    public String toString() { return "ProbabilityMap[" + height + "x" + width + ", max=" + max() + "]"; }
}
