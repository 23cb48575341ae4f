package io.pxrcad.mining;

import java.util.List;

/**
 * How many ROIs of each kind one epoch drew, for the training log.
 *
 * @param probablePositives ROIs from positive images (argmax fallbacks included)
 * @param argmaxFallbacks positive images whose S' was empty, so their single ROI is the argmax cell
 * @param hardNegatives ROIs from S' of negative images
 * @param easyNegatives ROIs drawn from the whole map of negative images to fill up to K
 */
public record EpochRoiCounts(int probablePositives, int argmaxFallbacks, int hardNegatives, int easyNegatives) {
    public EpochRoiCounts {
        if (probablePositives < 0 || argmaxFallbacks < 0 || hardNegatives < 0 || easyNegatives < 0) {
            throw new IllegalArgumentException("ROI counts must be >= 0 but were " + probablePositives + ","
                    + argmaxFallbacks + "," + hardNegatives + "," + easyNegatives);
        }
        if (argmaxFallbacks > probablePositives) {
            throw new IllegalArgumentException("argmaxFallbacks (" + argmaxFallbacks
                    + ") cannot exceed probablePositives (" + probablePositives + ")");
        }
    }

    /** Counts of a list of ROIs; {@code argmaxFallbacks} is given since it is not visible in an ROI. */
    public static EpochRoiCounts of(List<MinedRoi> rois, int argmaxFallbacks) {
        int[] n = new int[RoiKind.values().length];
        for (MinedRoi roi : rois) {
            n[roi.kind().ordinal()]++;
        }
        return new EpochRoiCounts(n[RoiKind.PROBABLE_POSITIVE.ordinal()], argmaxFallbacks,
                n[RoiKind.HARD_NEGATIVE.ordinal()], n[RoiKind.EASY_NEGATIVE.ordinal()]);
    }

    public int total() {
        return probablePositives + hardNegatives + easyNegatives;
    }
}
