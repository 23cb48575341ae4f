package io.pxrcad.infer;

import io.pxrcad.AcquisitionInfo;
import io.pxrcad.artifact.FeatureStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an image is one the model was made for, from three independent signs: the
 * file's acquisition facts ({@link HeaderScope}), an image with no intensity variation left after
 * preprocessing (blank), and stage-1 features far from the training images' ({@link FeatureStatistics},
 * when the model keeps them; models saved before they existed are judged on the first two only).
 * Immutable and thread-safe.
 */
final class ScopeCheck {
    static final String BLANK = "blank image (no intensity variation)";

    private final FeatureStatistics statistics;

    /** @param statistics the model's feature statistics, or null when it has none */
    ScopeCheck(FeatureStatistics statistics) {
        this.statistics = statistics;
    }

    /**
     * @param reasons  why the image is out of scope; empty when it is in scope
     * @param distance the feature distance ({@link FeatureStatistics#distance}); null without statistics
     */
    record Verdict(List<String> reasons, Double distance) {}

    /**
     * @param acquisition the file's facts
     * @param gray        the preprocessed image before normalisation, values in [0,1]
     * @param features    the image's pooled stage-1 features
     */
    Verdict judge(AcquisitionInfo acquisition, float[] gray, float[] features) {
        List<String> reasons = new ArrayList<>(HeaderScope.reasons(acquisition));
        if (blank(gray)) {
            reasons.add(BLANK);
        }
        Double distance = null;
        if (statistics != null) {
            distance = statistics.distance(features);
            if (distance > statistics.threshold()) {
                reasons.add(statistics.reason(distance));
            }
        }
        return new Verdict(reasons, distance);
    }

    /**
     * True when every pixel has the same value: percentile scaling leaves a constant image all
     * zeros, and an image whose 0.5th and 99.5th percentiles are equal is blank but for a few pixels.
     */
    static boolean blank(float[] gray) {
        for (float v : gray) {
            if (v != gray[0]) return false;
        }
        return true;
    }
}
