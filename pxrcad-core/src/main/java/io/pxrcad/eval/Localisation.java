package io.pxrcad.eval;

import java.util.List;

/**
 * Pooled localisation and type results of the two-stage method (METHOD.md "Evaluation"): ROI
 * label accuracy (pointing game), heatmap maximum inside a true box, type accuracy on positives.
 */
public record Localisation(Share roiLabelAccuracy, Share heatmapMaxInBox, Share typeAccuracy) {

    /** Counts each image's judgements; null (undefined for that image) is left out. */
    public static Localisation of(List<Boolean> roiHit, List<Boolean> maxHit, List<Boolean> typeCorrect) {
        return new Localisation(share(roiHit), share(maxHit), share(typeCorrect));
    }

    private static Share share(List<Boolean> values) {
        int hits = 0, total = 0;
        for (Boolean b : values) {
            if (b == null) continue;
            total++;
            if (b) hits++;
        }
        return Share.of(hits, total);
    }
}
