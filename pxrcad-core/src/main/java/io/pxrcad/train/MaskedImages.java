package io.pxrcad.train;

import io.pxrcad.Seeds;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;

import java.io.IOException;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The batches of pretraining: in each epoch's seeded order, each image augmented (the training
 * augmentation of {@link Augmenter}: small affine, brightness/contrast, left-right flip), turned
 * into the network input, and a random {@link PretrainConfig#maskRatio()} of its
 * {@code patch x patch} squares set to 0 in all three channels: 0 after ImageNet normalisation is
 * the mean colour, what SimMIM's learnt mask token starts as. Every random draw comes from (seed,
 * {@link #SEED_STREAM}, epoch, image), so the batches do not depend on threads and a resumed run
 * sees the same as an uninterrupted one.
 */
final class MaskedImages {
    /** The first element of pretraining's seed paths, apart from stage 1's (1) and stage 2's (2). */
    static final int SEED_STREAM = 3;

    /**
     * A batch: the masked inputs and what the loss compares the reconstruction with.
     *
     * @param x      {@code (n,3,size,size)} float32, ImageNet-normalised, masked squares 0
     * @param target {@code (n,1,size,size)} float32 in [0,1]: the augmented grey image before masking
     * @param mask   {@code (n,1,size,size)} 1 on the masked pixels, else 0
     */
    record Batch(float[] x, float[] target, float[] mask, int n, int size) {
        Batch {
            long pixels = (long) n * size * size;
            if (x.length != 3 * pixels || target.length != pixels || mask.length != pixels) {
                throw new IllegalArgumentException("batch arrays do not match n=" + n + " size=" + size);
            }
        }
    }

    private final PretrainConfig config;
    private final ImageSource source;
    private final int[] images;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private int[] order = new int[0];
    private int epoch;

    /** @param images the indices into {@code source} to train on (its readable images) */
    MaskedImages(PretrainConfig config, ImageSource source, int[] images, Preprocessor preprocessor, Augmenter augmenter) {
        this.config = config;
        this.source = source;
        this.images = images.clone();
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
    }

    /** Shuffles for epoch {@code e} (1-based) and returns its number of batches. */
    int startEpoch(int e) {
        epoch = e;
        order = Seeds.permutation(images.length, Seeds.random(config.seed(), SEED_STREAM, e));
        return (order.length + config.batchSize() - 1) / config.batchSize();
    }

    /** Batch {@code b} of the current epoch; thread-safe once the epoch has started. */
    Batch batch(int b) throws IOException {
        int from = b * config.batchSize();
        int n = Math.min(config.batchSize(), order.length - from);
        int s = source.imageSize();
        int pixels = s * s;
        float[] x = new float[n * 3 * pixels];
        float[] target = new float[n * pixels];
        float[] mask = new float[n * pixels];
        for (int k = 0; k < n; k++) {
            int i = images[order[from + k]];
            float[] g = augmenter.apply(source.gray(i), s, new Random(Seeds.forItem(config.seed(), SEED_STREAM, epoch, i)));
            System.arraycopy(g, 0, target, k * pixels, pixels);
            preprocessor.toInput(g, s, x, k * 3 * pixels);
            boolean[] hidden = hiddenPatches(s / config.patch(), config.maskRatio(),
                    Seeds.random(config.seed(), SEED_STREAM, epoch, i, MASK_DRAW));
            apply(hidden, config.patch(), s, x, k * 3 * pixels, mask, k * pixels);
        }
        return new Batch(x, target, mask, n, s);
    }

    /** Seed path element of the mask draw, apart from the augmentation's draw of the same image. */
    private static final int MASK_DRAW = 1;

    /**
     * Which of the {@code side x side} patches are hidden, row-major: {@code round(ratio * side^2)}
     * of them, at least one and at most all but one, chosen uniformly.
     */
    static boolean[] hiddenPatches(int side, double ratio, SplittableRandom random) {
        int cells = side * side;
        int hidden = (int) Math.max(1, Math.min(cells - 1, Math.round(ratio * cells)));
        int[] p = Seeds.permutation(cells, random);
        boolean[] out = new boolean[cells];
        for (int c = 0; c < hidden; c++) out[p[c]] = true;
        return out;
    }

    /** Zeroes the hidden patches of one image's three channels at {@code xOffset} and marks them in {@code mask}. */
    static void apply(boolean[] hidden, int patch, int size, float[] x, int xOffset, float[] mask, int maskOffset) {
        int side = size / patch;
        int pixels = size * size;
        for (int y = 0; y < size; y++) {
            for (int col = 0; col < size; col++) {
                if (!hidden[(y / patch) * side + col / patch]) continue;
                int p = y * size + col;
                mask[maskOffset + p] = 1;
                for (int c = 0; c < 3; c++) x[xOffset + c * pixels + p] = 0;
            }
        }
    }
}
