package io.pxrcad.mining;

/** The three kinds of stage-2 training ROI of METHOD.md "ROI mining". */
public enum RoiKind {
    /** From a positive image: a cell of S' (or the argmax cell when S' is empty); label 1. */
    PROBABLE_POSITIVE,
    /** From a negative image: a cell of S', where stage 1 is wrongly confident; label 0. */
    HARD_NEGATIVE,
    /** From a negative image: a cell drawn uniformly from the whole map to fill up to K; label 0. */
    EASY_NEGATIVE;

    /** The fracture label of an ROI of this kind. */
    public int label() {
        return this == PROBABLE_POSITIVE ? 1 : 0;
    }
}
