package io.pxrcad.train;

import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.Pointing;
import io.pxrcad.image.MapCell;
import io.pxrcad.mining.ProbabilityMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What stage 1's probability maps look like on the validation images after an epoch: the mean
 * cell probability, the mean within-map standard deviation (0 for a flat map), the mean map
 * maximum ({@code ps1}) of positives and of negatives, and, where the manifest has boxes, the share
 * of positives whose map maximum lies in a true box (METHOD.md's heatmap criterion). Boxes only
 * describe the maps here; they never enter training. A map stuck at the label prior shows as a
 * flat map with equal maxima; a map that detects but does not localise as a high maximum outside
 * the boxes; a map that found a shortcut of position as one cell holding the maximum of most
 * images ({@code modeCell}, {@code modeShare}).
 */
record MapStatistics(double meanProbability, double meanSpread, double positiveMax, double negativeMax,
                     int inBox, int withBoxes, MapCell modeCell, double modeShare) {

    /** Each image's original {@code {width, height}} where it has boxes (header reads), null elsewhere: read once, used every epoch. */
    static List<int[]> originalSizes(ImageSource src) throws IOException {
        List<int[]> sizes = new ArrayList<>(src.size());
        for (int i = 0; i < src.size(); i++) {
            sizes.add(src.entry(i).boxes().isEmpty() ? null : src.originalSize(i));
        }
        return sizes;
    }

    /**
     * @param entries the images' manifest rows, in the order of {@code maps}
     * @param sizes   each image's original {@code {width, height}} (the boxes' pixel space); null where it has no boxes
     */
    static MapStatistics of(List<ProbabilityMap> maps, List<ManifestEntry> entries, List<int[]> sizes) {
        double mean = 0, spread = 0, pos = 0, neg = 0;
        int nPos = 0, nNeg = 0, hits = 0, boxed = 0;
        Map<MapCell, Integer> argmaxCounts = new HashMap<>();
        for (int i = 0; i < maps.size(); i++) {
            ProbabilityMap m = maps.get(i);
            float[] v = m.values();
            double mu = 0, sq = 0;
            for (float x : v) mu += x;
            mu /= v.length;
            for (float x : v) sq += (x - mu) * (x - mu);
            mean += mu;
            spread += Math.sqrt(sq / v.length);
            argmaxCounts.merge(m.argmax(), 1, Integer::sum);
            ManifestEntry e = entries.get(i);
            if (e.positive()) {
                pos += m.max();
                nPos++;
            } else {
                neg += m.max();
                nNeg++;
            }
            if (!e.boxes().isEmpty()) {
                int[] wh = sizes.get(i);
                MapCell c = m.argmax();
                if (Pointing.cellHit(e.boxes(), c.col(), c.row(), m.width(), m.height(), wh[0], wh[1])) hits++;
                boxed++;
            }
        }
        int n = Math.max(1, maps.size());
        Map.Entry<MapCell, Integer> mode = argmaxCounts.entrySet().stream()
                .max(Map.Entry.<MapCell, Integer>comparingByValue()
                        .thenComparing(e -> -(e.getKey().row() * 100_000 + e.getKey().col())))
                .orElse(Map.entry(new MapCell(0, 0), 0));
        return new MapStatistics(mean / n, spread / n, nPos == 0 ? Double.NaN : pos / nPos,
                nNeg == 0 ? Double.NaN : neg / nNeg, hits, boxed, mode.getKey(), (double) mode.getValue() / n);
    }

    /** The values for the epoch's metrics line ({@code map.*}); NaN ones left out. */
    Map<String, Object> asMetrics() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("map.mean", (float) meanProbability);
        out.put("map.spread", (float) meanSpread);
        if (!Double.isNaN(positiveMax)) out.put("map.maxPositive", (float) positiveMax);
        if (!Double.isNaN(negativeMax)) out.put("map.maxNegative", (float) negativeMax);
        if (withBoxes > 0) out.put("map.maxInBox", (float) inBox / withBoxes);
        out.put("map.modeCell", modeCell.row() + "," + modeCell.col());
        out.put("map.modeShare", (float) modeShare);
        return out;
    }
}
