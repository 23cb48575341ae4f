package io.pxrcad.train;

import io.pxrcad.Seeds;
import io.pxrcad.mining.RoiGeometry;

/**
 * The training hyper-parameters of both stages (METHOD.md "Training schedule", "ROI mining");
 * defaults are the paper's ({@link #defaults()}). Validated on construction; variants via
 * {@code withX}. Loaded from YAML or JSON by {@link TrainConfigFile} ({@code --config run.yaml}),
 * where any key left out keeps its default.
 *
 * @param epochs epochs per stage (100)
 * @param batchSize images per batch of stage 1 and the baselines (8): the effective batch of one Adam step
 * @param microBatch images per forward/backward pass of stage 1 and the baselines when a batch is split to
 *     save memory (gradient accumulation); 0 (the default, METHOD.md) passes the whole batch at once. It
 *     must divide {@code batchSize}. The Adam update stays the one of the mean loss over the whole
 *     batch, but batch norm normalises each pass by that micro-batch's own statistics and updates its
 *     running averages once per pass, so training is not identical: with 1 image per pass the
 *     statistics are noisier (one image's spatial statistics only). The batch-norm refresh before
 *     validation and the evaluation-mode passes of the stage (validation, the maps for mining) also go
 *     {@code microBatch} images at a time, so that no pass holds more. Stage 2 never splits its batches.
 * @param roiBatchSize ROIs per batch of stage 2 (8); stage 2 sees up to K ROIs per image, so a larger
 *     batch keeps its number of steps per epoch near stage 1's
 * @param learningRate initial Adam learning rate (1e-5)
 * @param patience epochs without validation-loss improvement tolerated before the learning rate drops (5);
 *     see {@link PlateauScheduler}
 * @param lrFactor factor applied to the learning rate on a plateau, in (0,1) (0.1)
 * @param seed run seed; every random choice derives from it via {@link Seeds}
 * @param numWorkers background threads decoding and augmenting (see {@link Prefetcher}) (2)
 * @param prefetchBatches batches prepared ahead of the network at most, bounding memory (4)
 * @param augment random affine and brightness/contrast augmentation of training images (true)
 * @param flip random left-right mirroring of training images and ROIs, probability 0.5 (false: not in
 *     METHOD.md; the reduced presets use it, see {@link io.pxrcad.image.AugmentConfig#horizontalFlip()})
 * @param imageSize side of the square model input in pixels (961)
 * @param roiInput side in pixels the stage-2 ROI is resized to (256)
 * @param roiFraction side of the stage-2 ROI as a share of {@code imageSize} (0.266: 256 px at 961)
 * @param lseR sharpness r of the log-sum-exp pooling of stage 1 (10)
 * @param lseOfLogits stage 1's training loss pools the map's logits, {@code BCE(sigmoid(LSE_r(z)), y)}
 *     computed from logits, instead of METHOD.md's probabilities, {@code BCE(LSE_r(sigmoid(z)), y)}
 *     (false). The network, its map and {@code ps1 = max p} are the same either way; see
 *     {@link io.pxrcad.model.Losses#lseOfLogitsBce} for why the reduced presets use it
 * @param negativeCells stage 1's loss adds, for each negative image, the mean BCE of every map cell
 *     against 0 ({@link io.pxrcad.model.Losses#negativeCellBce}): an image without a fracture has none
 *     in any cell, so its label says so for all of them, not only for the pooled score (false)
 * @param pseudoCells stage 1's loss adds cell targets chosen from image labels alone before training
 *     ({@link AnomalyCells}): every cell of a negative image is normal, and in each positive image the
 *     cells whose early features are farthest from every negative image's features at the same place
 *     are taken as the fracture; BCE over those cells only ({@link io.pxrcad.model.Losses#maskedCellBce}),
 *     the other cells of a positive left to the pooled loss. Needs a VGG stage 1 and no affine
 *     augmentation (flips are mirrored into the targets) (false)
 * @param normalCellShare with {@code pseudoCells}, the share of each positive image's cells, those that
 *     look most like the negatives' (lowest anomaly score), also given target 0: normal anatomy in a
 *     fractured image is normal too, which keeps the maps of positives from spreading (0: none; below 1)
 * @param refineCellsAfter with {@code pseudoCells}, after every this many stage-1 epochs the positives'
 *     target cells are chosen again as the highest cells of stage 1's own map (evaluation mode, no
 *     flip); the first choice, from early features, lies in a true box for only 17-32% of the
 *     positives, the map of a half-trained stage 1 for far more, and wrong targets keep pulling the map
 *     to them (0: never; the negatives' cells stay all 0)
 * @param restartAfter with {@code pseudoCells}, stage 1 starts again from its initial weights (the pretrained
 *     backbone, if any) and a fresh optimizer after this epoch, keeping the cell targets its maps chose, and
 *     its best epoch is chosen among the epochs after the restart. A network that trains on its own targets
 *     learns their mistakes by heart (training loss near 0) and stops correcting them; a fresh one learns
 *     what the targets have in common first (0: never)
 * @param roisPerImage K, the most ROIs drawn per training image each stage-2 epoch (5)
 * @param positiveRois the most probable-positive ROIs per positive training image, at most K (0: K, METHOD.md).
 *     A positive image's fracture covers one or two cells, so its third-highest cell is mostly normal bone
 *     labelled 1: with {@code topRois} and 1, stage 2's positives are the argmax cells, which the mined
 *     ROIs' label accuracy measures, while negative images still give K each
 * @param miningSensitivity share of positive training images with {@code ps1 > p_hat} (0.99)
 * @param topRois stage 2 takes each image's K highest cells of S' instead of K drawn at random (probable
 *     positives and hard negatives; easy negatives are still drawn): the ROIs the chained inference
 *     will see, the argmax first, rather than any cell above a threshold set for 99% sensitivity
 *     (false: METHOD.md's random draw)
 * @param chainRois the chained pass classifies the ROIs of the map's {@code chainRois} highest cells and
 *     scores the image by the largest {@code p[cell] * ps2(ROI)}, reporting that ROI (1: METHOD.md, the
 *     argmax cell only, {@code ps1 * ps2}); kept in the model so that prediction chains the same way.
 *     With more than one, a fracture that stage 1 ranks second or third still reaches stage 2; see
 *     {@link io.pxrcad.infer.TwoStageChain}
 * @param stage2BestByLoss stage 2 keeps the epoch with the lowest validation loss (BCE of the chained
 *     score) instead of the highest validation AUC (false: METHOD.md). On the reduced presets' 100
 *     validation images the AUC of a good stage 2 moves by 0.01-0.03 from epoch to epoch with no trend
 *     and picked an epoch of barely trained weights; the loss falls steadily
 * @param typeLoss train the stage-2 fracture-type output (masked to positive ROIs) (true)
 * @param logEveryBatches no longer used (without a console, progress is a line per tenth of a loop over a
 *                        minute); kept so that the run.json and config files of earlier runs still load
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        int microBatch,
        int roiBatchSize,
        double learningRate,
        int patience,
        double lrFactor,
        long seed,
        int numWorkers,
        int prefetchBatches,
        boolean augment,
        boolean flip,
        int imageSize,
        int roiInput,
        double roiFraction,
        double lseR,
        boolean lseOfLogits,
        boolean negativeCells,
        boolean pseudoCells,
        double normalCellShare,
        int refineCellsAfter,
        int restartAfter,
        int roisPerImage,
        int positiveRois,
        double miningSensitivity,
        boolean topRois,
        int chainRois,
        boolean stage2BestByLoss,
        boolean typeLoss,
        int logEveryBatches) {

    /** Smallest model input: the networks' total stride (32), below which the map has no cell. */
    public static final int MIN_IMAGE_SIZE = 32;
    /** Largest model input: beyond it one image's activations alone exceed any GPU's memory. */
    public static final int MAX_IMAGE_SIZE = 4096;
    /** Bounds of the stage-2 ROI input (the ResNet's total stride, and 4x the paper's 256). */
    public static final int MIN_ROI_INPUT = 32;
    public static final int MAX_ROI_INPUT = 1024;
    /** Upper bounds that only catch typos (a million epochs, a batch larger than any memory). */
    public static final int MAX_EPOCHS = 100_000;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_WORKERS = 256;
    /** Most cells whose ROIs the chained pass classifies: a whole 8x8 map of the reduced presets. */
    public static final int MAX_CHAIN_ROIS = 64;

    public TrainConfig {
        positive("epochs", epochs, MAX_EPOCHS);
        positive("batchSize", batchSize, MAX_BATCH_SIZE);
        if (microBatch < 0 || microBatch > 0 && batchSize % microBatch != 0) {
            throw new IllegalArgumentException("microBatch must divide batchSize " + batchSize
                    + " (or be 0: the whole batch at once) but was " + microBatch);
        }
        positive("roiBatchSize", roiBatchSize, MAX_BATCH_SIZE);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 but was " + learningRate);
        }
        if (learningRate > 1) {
            throw new IllegalArgumentException("learningRate must be at most 1 but was " + learningRate);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 but was " + patience);
        }
        if (!(lrFactor > 0 && lrFactor < 1)) {
            throw new IllegalArgumentException("lrFactor must be in (0,1) but was " + lrFactor);
        }
        between("numWorkers", numWorkers, 0, MAX_WORKERS);
        positive("prefetchBatches", prefetchBatches, MAX_BATCH_SIZE);
        between("imageSize", imageSize, MIN_IMAGE_SIZE, MAX_IMAGE_SIZE);
        between("roiInput", roiInput, MIN_ROI_INPUT, MAX_ROI_INPUT);
        if (!(roiFraction > 0 && roiFraction <= 1)) {
            throw new IllegalArgumentException("roiFraction must be in (0,1] but was " + roiFraction);
        }
        if (!(lseR > 0) || Double.isInfinite(lseR)) {
            throw new IllegalArgumentException("lseR must be > 0 but was " + lseR);
        }
        if (lseR > 1000) {
            throw new IllegalArgumentException("lseR must be at most 1000 but was " + lseR);
        }
        if (!(normalCellShare >= 0 && normalCellShare < 1)) {
            throw new IllegalArgumentException("normalCellShare must be in [0,1) but was " + normalCellShare);
        }
        between("refineCellsAfter", refineCellsAfter, 0, MAX_EPOCHS);
        between("restartAfter", restartAfter, 0, MAX_EPOCHS);
        positive("roisPerImage", roisPerImage, 1000);
        if (positiveRois < 0 || positiveRois > roisPerImage) {
            throw new IllegalArgumentException("positiveRois must be between 0 (as many as roisPerImage) and roisPerImage ("
                    + roisPerImage + ") but was " + positiveRois);
        }
        if (!(miningSensitivity > 0 && miningSensitivity <= 1)) {
            throw new IllegalArgumentException("miningSensitivity must be in (0,1] but was " + miningSensitivity);
        }
        positive("chainRois", chainRois, MAX_CHAIN_ROIS);
        positive("logEveryBatches", logEveryBatches);
    }

    /** {@code imageSize must be between 32 and 4096 but was 7}. */
    private static void between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static void positive(String name, int value, int max) {
        positive(name, value);
        if (value > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " but was " + value);
        }
    }

    /** The most probable-positive ROIs per positive training image: {@link #positiveRois()}, or K when it is 0. */
    public int positiveRoisPerImage() {
        return positiveRois == 0 ? roisPerImage : positiveRois;
    }

    /** Images per forward/backward pass of stage 1: {@link #microBatch()}, or the whole batch when it is 0. */
    public int imagesPerPass() {
        return microBatch == 0 ? batchSize : microBatch;
    }

    /** The paper's settings (METHOD.md), seed 0. */
    public static TrainConfig defaults() {
        return new TrainConfig(100, 8, 0, 8, 1e-5, 5, 0.1, 0L, 2, 4, true, false, 961, 256, RoiGeometry.DEFAULT_ROI_FRACTION, 10.0, false, false, false, 0.0, 0, 0, 5, 0, 0.99, false, 1, false, true, 10);
    }
    public TrainConfig withEpochs(int v) { return new TrainConfig(v, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withBatchSize(int v) { return new TrainConfig(epochs, v, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withMicroBatch(int v) { return new TrainConfig(epochs, batchSize, v, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRoiBatchSize(int v) { return new TrainConfig(epochs, batchSize, microBatch, v, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withLearningRate(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, v, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withPatience(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, v, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withLrFactor(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, v, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withSeed(long v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, v, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withNumWorkers(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, v, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withPrefetchBatches(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, v, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withAugment(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, v, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withFlip(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, v, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withImageSize(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, v, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRoiInput(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, v, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRoiFraction(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, v, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withLseR(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, v, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withLseOfLogits(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, v, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withNegativeCells(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, v, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withPseudoCells(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, v, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withNormalCellShare(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, v, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRefineCellsAfter(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, v, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRestartAfter(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, v, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withRoisPerImage(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, v, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withPositiveRois(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, v, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withMiningSensitivity(double v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, v, topRois, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withTopRois(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, v, chainRois, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withChainRois(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, v, stage2BestByLoss, typeLoss, logEveryBatches); }
    public TrainConfig withStage2BestByLoss(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, v, typeLoss, logEveryBatches); }
    public TrainConfig withTypeLoss(boolean v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, v, logEveryBatches); }
    public TrainConfig withLogEveryBatches(int v) { return new TrainConfig(epochs, batchSize, microBatch, roiBatchSize, learningRate, patience, lrFactor, seed, numWorkers, prefetchBatches, augment, flip, imageSize, roiInput, roiFraction, lseR, lseOfLogits, negativeCells, pseudoCells, normalCellShare, refineCellsAfter, restartAfter, roisPerImage, positiveRois, miningSensitivity, topRois, chainRois, stage2BestByLoss, typeLoss, v); }
}
