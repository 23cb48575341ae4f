package io.pxrcad.mining;

import io.pxrcad.image.InputBox;
import io.pxrcad.image.MapCell;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the stage-2 training ROIs of one epoch (METHOD.md "ROI mining"). Per training image,
 * afresh each epoch, with {@code S' = {(i,j) : p[i,j] > p_hat}}:
 * <ul>
 *   <li>positive image: up to K cells of S' without replacement, {@link RoiKind#PROBABLE_POSITIVE},
 *       label 1; when S' is empty, the argmax cell alone;</li>
 *   <li>negative image: up to K cells of S' without replacement, {@link RoiKind#HARD_NEGATIVE};
 *       if fewer than K, filled up to K with cells drawn uniformly without replacement from the
 *       rest of the map, {@link RoiKind#EASY_NEGATIVE} (a hard cell is never repeated); label 0.</li>
 * </ul>
 * With {@code top}, the K highest cells of S' replace the random draw for probable positives and
 * hard negatives (an option beside METHOD.md: the ROIs that chained inference, which takes the
 * argmax, will see); easy negatives are still drawn. A positive image may be limited to fewer
 * probable positives than K ({@code positiveK}).
 * The draw for image {@code n} in epoch {@code e} uses its own generator seeded from
 * {@code (seed, e, n)}, so it does not depend on the other images, on thread timing or on
 * whether the run was resumed: sampling epoch e twice gives the same ROIs.
 * Stateless and thread-safe.
 */
public final class RoiSampler {
    /** ROIs per image of METHOD.md. */
    public static final int DEFAULT_K = 5;

    private final int k;
    private final int positiveK;
    private final float pHat;
    private final RoiGeometry geometry;
    private final long seed;
    private final boolean top;

    /**
     * @param k the most ROIs per image (> 0)
     * @param pHat the mining threshold of {@link MiningThreshold}
     * @param geometry maps cells to boxes in model-input pixels
     * @param seed run seed
     */
    public RoiSampler(int k, float pHat, RoiGeometry geometry, long seed) {
        this(k, pHat, geometry, seed, false);
    }

    /**
     * @param top take the K highest cells of S' instead of K at random
     */
    public RoiSampler(int k, float pHat, RoiGeometry geometry, long seed, boolean top) {
        this(k, k, pHat, geometry, seed, top);
    }

    /**
     * @param positiveK the most probable-positive ROIs of a positive image (1..K); negative images still give K
     */
    public RoiSampler(int k, int positiveK, float pHat, RoiGeometry geometry, long seed, boolean top) {
        if (k <= 0) {
            throw new IllegalArgumentException("K (ROIs per image) must be > 0 but was " + k);
        }
        if (Float.isNaN(pHat)) {
            throw new IllegalArgumentException("pHat must be a number but was NaN");
        }
        if (geometry == null) {
            throw new IllegalArgumentException("geometry is required");
        }
        if (positiveK <= 0 || positiveK > k) {
            throw new IllegalArgumentException("probable-positive ROIs per image must be between 1 and K (" + k + ") but was " + positiveK);
        }
        this.k = k;
        this.positiveK = positiveK;
        this.pHat = pHat;
        this.geometry = geometry;
        this.seed = seed;
        this.top = top;
    }

    public int k() { return k; }
    public float pHat() { return pHat; }
    public RoiGeometry geometry() { return geometry; }

    /** The ROIs of one epoch and their counts per kind. */
    public record EpochRois(List<MinedRoi> rois, EpochRoiCounts counts) {
        public EpochRois {
            rois = List.copyOf(rois);
        }
    }

    /**
     * @param images the training images with their cached stage-1 maps; ROIs refer to them by index
     * @param epoch the stage-2 epoch (>= 0); the same epoch always gives the same ROIs
     * @return the ROIs in image order (within an image, in draw order) and their counts
     */
    public EpochRois sample(List<TrainingMap> images, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 but was " + epoch);
        }
        List<MinedRoi> rois = new ArrayList<>(images.size() * k);
        int fallbacks = 0;
        for (int n = 0; n < images.size(); n++) {
            if (sampleImage(images.get(n), n, epoch, rois)) {
                fallbacks++;
            }
        }
        return new EpochRois(rois, EpochRoiCounts.of(rois, fallbacks));
    }

    /** Appends the ROIs of image {@code n} to {@code out}; true when it fell back to the argmax. */
    private boolean sampleImage(TrainingMap image, int n, int epoch, List<MinedRoi> out) {
        ProbabilityMap map = image.map();
        SplittableRandom random = new SplittableRandom(io.pxrcad.Seeds.derive(seed, epoch, n));
        List<MapCell> candidates = map.cellsAbove(pHat);
        int most = image.positive() ? positiveK : k;
        List<MapCell> drawn = top ? highest(candidates, map, most) : drawWithoutReplacement(candidates, most, random);
        if (image.positive()) {
            boolean fallback = drawn.isEmpty();
            if (fallback) {
                drawn = List.of(map.argmax());
            }
            for (MapCell c : drawn) {
                out.add(roi(n, c, map, RoiKind.PROBABLE_POSITIVE, image));
            }
            return fallback;
        }
        for (MapCell c : drawn) {
            out.add(roi(n, c, map, RoiKind.HARD_NEGATIVE, image));
        }
        if (drawn.size() < k) {
            // fewer than K candidates means all of S' was drawn, so the rest of the map is its complement
            List<MapCell> rest = new ArrayList<>(map.size() - candidates.size());
            for (int i = 0; i < map.height(); i++) {
                for (int j = 0; j < map.width(); j++) {
                    if (!(map.get(i, j) > pHat)) {
                        rest.add(new MapCell(i, j));
                    }
                }
            }
            for (MapCell c : drawWithoutReplacement(rest, k - drawn.size(), random)) {
                out.add(roi(n, c, map, RoiKind.EASY_NEGATIVE, image));
            }
        }
        return false;
    }

    private MinedRoi roi(int n, MapCell cell, ProbabilityMap map, RoiKind kind, TrainingMap image) {
        InputBox box = geometry.box(cell, map);
        return new MinedRoi(n, cell, box, kind, kind.label(), kind.label() == 1 ? image.type() : null);
    }

    /** Up to {@code n} cells, highest first; ties keep the map's row-major order. */
    private static List<MapCell> highest(List<MapCell> cells, ProbabilityMap map, int n) {
        List<MapCell> sorted = new ArrayList<>(cells);
        sorted.sort((a, b) -> Float.compare(map.get(b), map.get(a)));
        return new ArrayList<>(sorted.subList(0, Math.min(n, sorted.size())));
    }

    /** Up to {@code count} elements in random order: a partial Fisher-Yates shuffle of a copy. */
    static <T> List<T> drawWithoutReplacement(List<T> from, int count, SplittableRandom random) {
        List<T> pool = new ArrayList<>(from);
        int m = Math.min(count, pool.size());
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(pool.size() - i);
            T t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        return new ArrayList<>(pool.subList(0, m));
    }
}
