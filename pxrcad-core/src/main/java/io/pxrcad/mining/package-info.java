/**
 * ROI mining, the seam between stage 1 and stage 2 (METHOD.md "ROI mining"; Wang et al.,
 * MICCAI 2019, Sec. 2.2). Plain Java over float arrays; no DJL.
 *
 * <p>Flow: after stage 1, the trainer caches one {@link io.pxrcad.mining.ProbabilityMap} per
 * training image ({@code (h,w)} float in [0,1]) in a {@link io.pxrcad.mining.MapCache} file; {@link io.pxrcad.mining.MiningThreshold} picks
 * {@code p_hat} from the {@code ps1 = max p} of the positive training images (99% sensitivity);
 * each stage-2 epoch, {@link io.pxrcad.mining.RoiSampler} draws up to K ROIs per image
 * ({@link io.pxrcad.mining.RoiKind}) whose boxes {@link io.pxrcad.mining.RoiGeometry} places in
 * model-input pixels; {@link io.pxrcad.mining.EpochRoiCounts} goes to the training log.
 * At inference, the same geometry gives the ROI of the argmax cell.
 */
package io.pxrcad.mining;
