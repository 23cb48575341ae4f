package io.pxrcad.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: the summary of one epoch of one stage.
 *
 * @param stage 1 or 2
 * @param epoch epoch number within the stage, from 1
 * @param trainLoss mean training loss over the epoch
 * @param valLoss mean validation loss
 * @param valAuc validation AUC (NaN when undefined)
 * @param lr learning rate used during the epoch
 * @param seconds wall-clock time of the epoch, validation included
 * @param extra further values in insertion order, e.g. ROI counts per kind in stage 2
 *     ({@code probablePositives, argmaxFallbacks, hardNegatives, easyNegatives}); numbers or strings
 */
public record EpochMetrics(int stage, int epoch, double trainLoss, double valLoss, double valAuc, double lr,
                           double seconds, Map<String, Object> extra) {
    public EpochMetrics {
        if (stage != 1 && stage != 2) {
            throw new IllegalArgumentException("stage must be 1 or 2 but was " + stage);
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1 but was " + epoch);
        }
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            if (!(e.getValue() instanceof Number || e.getValue() instanceof String)) {
                throw new IllegalArgumentException("extra metric '" + e.getKey() + "' must be a number or string but was "
                        + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            }
        }
    }

    /** This line with one more extra value. */
    public EpochMetrics with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put(key, value);
        return new EpochMetrics(stage, epoch, trainLoss, valLoss, valAuc, lr, seconds, m);
    }
}
