package io.pxrcad.artifact;

import io.pxrcad.image.PreprocessConfig;

import java.util.Map;
import java.util.Objects;

/**
 * What the trainer knows about a model besides its weights, written to {@code model.json}.
 *
 * @param method        e.g. {@code two-stage}, {@code single-stage}, or a {@link Baseline} id
 * @param preprocessing the input preprocessing
 * @param roiSize       ROI side in pixels of the resized image (two-stage; null otherwise)
 * @param roiInput      side the ROI is resized to for stage 2 (null when there is no stage 2)
 * @param pHat          ROI-mining threshold on stage-1 map cells (null until mined)
 * @param thresholds    operating thresholds (null entries until chosen on validation data)
 * @param notes         free text for the model card (training data, folds, run id); may be empty
 * @param featureStatistics statistics of the stage-1 features on the training images, for the
 *                      out-of-scope check; null for models saved before it existed and for baselines
 * @param chainRois     how many of the map's highest cells the chained pass sends to stage 2 (null: 1,
 *                      METHOD.md's argmax only; models saved before the setting existed)
 */
public record ArtifactInfo(String method, PreprocessConfig preprocessing, Integer roiSize, Integer roiInput,
                           Double pHat, Thresholds thresholds, Map<String, String> notes,
                           FeatureStatistics featureStatistics, Integer chainRois) {
    /** Without feature statistics. */
    public ArtifactInfo(String method, PreprocessConfig preprocessing, Integer roiSize, Integer roiInput,
                        Double pHat, Thresholds thresholds, Map<String, String> notes) {
        this(method, preprocessing, roiSize, roiInput, pHat, thresholds, notes, null, null);
    }

    /** With feature statistics, chaining the argmax cell only. */
    public ArtifactInfo(String method, PreprocessConfig preprocessing, Integer roiSize, Integer roiInput,
                        Double pHat, Thresholds thresholds, Map<String, String> notes, FeatureStatistics featureStatistics) {
        this(method, preprocessing, roiSize, roiInput, pHat, thresholds, notes, featureStatistics, null);
    }

    public ArtifactInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (roiSize != null && roiSize <= 0 || roiInput != null && roiInput <= 0) {
            throw new IllegalArgumentException("roiSize and roiInput must be > 0 but were " + roiSize + ", " + roiInput);
        }
        if (pHat != null && !(pHat >= 0 && pHat <= 1)) {
            throw new IllegalArgumentException("pHat must be in [0,1] but was " + pHat);
        }
        if (chainRois != null && chainRois < 1) {
            throw new IllegalArgumentException("chainRois must be >= 1 but was " + chainRois);
        }
        thresholds = thresholds == null ? Thresholds.UNKNOWN : thresholds;
        notes = notes == null ? Map.of() : Map.copyOf(notes);
    }

    public ArtifactInfo withPHat(Double p) {
        return new ArtifactInfo(method, preprocessing, roiSize, roiInput, p, thresholds, notes, featureStatistics, chainRois);
    }

    public ArtifactInfo withThresholds(Thresholds t) {
        return new ArtifactInfo(method, preprocessing, roiSize, roiInput, pHat, t, notes, featureStatistics, chainRois);
    }

    public ArtifactInfo withFeatureStatistics(FeatureStatistics f) {
        return new ArtifactInfo(method, preprocessing, roiSize, roiInput, pHat, thresholds, notes, f, chainRois);
    }

    /** {@link #chainRois()}, 1 when the model does not say. */
    public int chainRoiCount() { return chainRois == null ? 1 : chainRois; }

    /**
     * Operating thresholds on the final probability.
     *
     * @param suspicious below: no finding; null until chosen
     * @param fracture   at or above: fracture (METHOD.md default: the threshold of 95% recall); null until chosen
     */
    public record Thresholds(Double suspicious, Double fracture) {
        public static final Thresholds UNKNOWN = new Thresholds(null, null);

        public Thresholds {
            for (Double t : new Double[] {suspicious, fracture}) {
                if (t != null && !(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException("thresholds must be in [0,1] but was " + t);
                }
            }
        }
    }
}
