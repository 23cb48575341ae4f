package io.pxrcad.train;

/**
 * Tracks the epoch with the best validation AUC, whose checkpoint is kept (METHOD.md "Training
 * schedule"), or of another score a stage selects by ({@link EpochLoop.Stage#selectionScore}). An
 * epoch is better only when its score is strictly higher, so ties keep the earlier epoch; NaN
 * (undefined AUC, e.g. a one-class validation set) is never better. Immutable.
 *
 * @param bestAuc the best score so far (the AUC, or minus the validation loss where the stage selects
 *     by loss; the name is the one resumable runs' state files hold); NaN before any epoch with a defined score
 * @param bestEpoch its epoch; -1 before any
 */
public record BestCheckpoint(double bestAuc, int bestEpoch) {
    public BestCheckpoint {
        if (bestEpoch < -1) {
            throw new IllegalArgumentException("bestEpoch must be >= -1 but was " + bestEpoch);
        }
        if ((bestEpoch == -1) != Double.isNaN(bestAuc)) {
            throw new IllegalArgumentException("bestAuc must be NaN exactly when bestEpoch is -1 but was "
                    + bestAuc + " at epoch " + bestEpoch);
        }
    }

    /** No epoch seen yet. */
    public static BestCheckpoint none() {
        return new BestCheckpoint(Double.NaN, -1);
    }

    /** True when {@code auc} beats the best so far (and its checkpoint must be saved as best). */
    public boolean isImprovedBy(double auc) {
        return !Double.isNaN(auc) && (bestEpoch == -1 || auc > bestAuc);
    }

    /** The tracker after {@code epoch} scored {@code auc}: this one if it did not improve. */
    public BestCheckpoint offer(int epoch, double auc) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 but was " + epoch);
        }
        return isImprovedBy(auc) ? new BestCheckpoint(auc, epoch) : this;
    }

    public boolean hasBest() {
        return bestEpoch >= 0;
    }
}
