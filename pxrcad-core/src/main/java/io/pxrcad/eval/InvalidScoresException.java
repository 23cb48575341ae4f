package io.pxrcad.eval;

import io.pxrcad.DataException;

/**
 * Scores or labels on which a metric is undefined: a NaN or infinite score, a label other
 * than 0/1, only one class present, probabilities outside [0,1] where a calibration metric
 * needs them. The person who produced the scores must fix them (CLI exit 1).
 */
public class InvalidScoresException extends DataException {
    public InvalidScoresException(String message) { super(message); }
}
