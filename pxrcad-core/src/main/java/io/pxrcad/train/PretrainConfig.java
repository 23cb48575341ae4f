package io.pxrcad.train;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.model.Backbones;

/**
 * The settings of self-supervised pretraining ({@link Pretraining}); validated on construction,
 * variants via {@code withX}, defaults per backbone by {@link #defaults(Architecture)}.
 *
 * @param architecture the backbone to pretrain
 * @param epochs       passes over the images (20)
 * @param imageSize    side of the square input in pixels, a multiple of the backbone's stride
 *                     ({@link #patch(Architecture)}) and at least two patches; see {@link #defaultImageSize}
 * @param batchSize    images per Adam step (8)
 * @param learningRate Adam's learning rate, constant (1e-3 for the reduced backbones, 1e-4 for
 *                     DenseNet-121 and ResNet-18, which train from scratch less stably)
 * @param maskRatio    share of the patches hidden from the backbone in each image, in (0,1) (0.6, SimMIM's)
 * @param seed         every random choice (initialisation, order, augmentation, masks) derives from it
 * @param numWorkers   background threads decoding, augmenting and masking (2)
 */
public record PretrainConfig(Architecture architecture, int epochs, int imageSize, int batchSize, double learningRate,
                             double maskRatio, long seed, int numWorkers) {
    public PretrainConfig {
        if (architecture == null) throw new IllegalArgumentException("architecture is required");
        range("epochs", epochs, 1, TrainConfig.MAX_EPOCHS);
        int patch = patch(architecture);
        range("imageSize", imageSize, 2 * patch, TrainConfig.MAX_IMAGE_SIZE);
        if (imageSize % patch != 0) {
            throw new IllegalArgumentException("imageSize must be a multiple of " + patch + " (the stride of the "
                    + architecture + " backbone) but was " + imageSize);
        }
        range("batchSize", batchSize, 1, TrainConfig.MAX_BATCH_SIZE);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1] but was " + learningRate);
        }
        if (!(maskRatio > 0 && maskRatio < 1)) {
            throw new IllegalArgumentException("maskRatio must be in (0, 1) but was " + maskRatio);
        }
        range("numWorkers", numWorkers, 0, TrainConfig.MAX_WORKERS);
    }

    /** The defaults for a backbone: 20 epochs at {@link #defaultImageSize}, batch 8, mask ratio 0.6, seed 1, 2 workers. */
    public static PretrainConfig defaults(Architecture a) {
        boolean paper = a == Architecture.DENSENET121 || a == Architecture.RESNET18;
        return new PretrainConfig(a, 20, defaultImageSize(a), 8, paper ? 1e-4 : 1e-3, 0.6, 1, 2);
    }

    /**
     * The side at which the backbone sees a radiograph's pixels in the presets: 256 for the reduced
     * stage-1 backbones (the {@code small} preset's input); 160 for {@code small-input-resnet}, whose
     * 64-px ROIs show 0.4 of a 256-px image, the pixel scale of a whole image at 160 px; 960 for
     * DenseNet-121 and ResNet-18 (the paper's 961 rounded to the stride; its 256-px ROIs are 0.266 of
     * the 961-px image, the same scale).
     */
    public static int defaultImageSize(Architecture a) {
        return switch (a) {
            case DENSENET121, RESNET18 -> 960;
            case SMALL_INPUT_RESNET -> 160;
            case TINY_VGG, TINY_DENSENET, TINY_RESNET -> 256;
        };
    }

    /** Side of the square patches that are masked: the backbone's total stride, one feature-map cell each. */
    public static int patch(Architecture a) {
        return Backbones.spec(a).stride();
    }

    public int patch() { return patch(architecture); }

    public PretrainConfig withEpochs(int v) { return new PretrainConfig(architecture, v, imageSize, batchSize, learningRate, maskRatio, seed, numWorkers); }
    public PretrainConfig withImageSize(int v) { return new PretrainConfig(architecture, epochs, v, batchSize, learningRate, maskRatio, seed, numWorkers); }
    public PretrainConfig withBatchSize(int v) { return new PretrainConfig(architecture, epochs, imageSize, v, learningRate, maskRatio, seed, numWorkers); }
    public PretrainConfig withLearningRate(double v) { return new PretrainConfig(architecture, epochs, imageSize, batchSize, v, maskRatio, seed, numWorkers); }
    public PretrainConfig withMaskRatio(double v) { return new PretrainConfig(architecture, epochs, imageSize, batchSize, learningRate, v, seed, numWorkers); }
    public PretrainConfig withSeed(long v) { return new PretrainConfig(architecture, epochs, imageSize, batchSize, learningRate, maskRatio, v, numWorkers); }
    public PretrainConfig withNumWorkers(int v) { return new PretrainConfig(architecture, epochs, imageSize, batchSize, learningRate, maskRatio, seed, v); }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " but was " + value);
        }
    }
}
