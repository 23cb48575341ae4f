package io.pxrcad.train;

import io.pxrcad.Seeds;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;

import java.io.IOException;
import java.util.Random;

/**
 * Whole images of an {@link ImageSource} as network inputs: the seeded order and batches of a
 * training epoch (augmented, randomness from (seed, stage 1, epoch, image), so stage 1 and the
 * baselines see exactly the same inputs and a resumed run the same as an uninterrupted one), and
 * evaluation-mode passes over a source in its own order.
 */
final class WholeImages {
    /** Receives the outputs of an evaluation pass over images {@code from .. from+count-1}. */
    interface Outputs {
        void accept(int from, int count, NDList out);
    }

    private final TrainConfig config;
    private final ImageSource source;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    // replaced between epochs only (TrainConfig#refineCellsAfter), before the epoch's batches are made
    private volatile AnomalyCells cells;
    private int[] order = new int[0];
    private int epoch;

    WholeImages(TrainConfig config, ImageSource source, Preprocessor preprocessor, Augmenter augmenter) {
        this(config, source, preprocessor, augmenter, null);
    }

    /** @param cells stage 1's cell targets for the images of {@code source}, carried in each batch; null for none */
    WholeImages(TrainConfig config, ImageSource source, Preprocessor preprocessor, Augmenter augmenter, AnomalyCells cells) {
        this.config = config;
        this.source = source;
        this.preprocessor = preprocessor;
        this.augmenter = augmenter;
        useCells(cells);
    }

    /** The cell targets carried in the batches of the epochs started from now on; null for none. */
    void useCells(AnomalyCells cells) {
        if (cells != null && cells.chosen().size() != source.size()) {
            throw new IllegalArgumentException("cell targets for " + cells.chosen().size() + " images but "
                    + source.size() + " training images");
        }
        this.cells = cells;
    }

    AnomalyCells cells() { return cells; }

    /** Shuffles for epoch {@code e} and returns its number of batches. */
    int startEpoch(int e) {
        epoch = e;
        order = Seeds.permutation(source.size(), Seeds.random(config.seed(), 1, e));
        return batches();
    }

    int batches() { return (order.length + config.batchSize() - 1) / config.batchSize(); }

    /** Batch {@code b} of the current epoch; thread-safe once the epoch has started. */
    Batch batch(int b) throws IOException {
        int from = b * config.batchSize();
        int n = Math.min(config.batchSize(), order.length - from);
        int s = source.imageSize();
        float[] x = new float[n * 3 * s * s];
        float[] labels = new float[n];
        AnomalyCells cells = this.cells;
        int perImage = cells == null ? 0 : cells.mapSide() * cells.mapSide();
        float[] targets = new float[n * perImage], mask = new float[n * perImage];
        for (int k = 0; k < n; k++) {
            int i = order[from + k];
            float[] g = source.gray(i);
            boolean mirrored = false;
            if (!augmenter.config().isNone()) {
                Augmenter.Augmented a = augmenter.applyTracked(g, s, new Random(Seeds.forItem(config.seed(), 1, epoch, i)));
                g = a.pixels();
                mirrored = a.mirrored();
            }
            preprocessor.toInput(g, s, x, k * 3 * s * s);
            labels[k] = source.entry(i).label();
            if (cells != null) cells.fill(i, source.entry(i).positive(), mirrored, targets, mask, k * perImage);
        }
        return new Batch(x, n, s, labels, new float[n], new float[n], targets, mask);
    }

    /** Evaluation-mode passes over every image of {@code src}, {@code batchSize} at a time, without augmentation. */
    static void predict(NetworkTrainer trainer, ImageSource src, Preprocessor preprocessor, int batchSize, Outputs outputs)
            throws IOException {
        int n = src.size();
        int s = src.imageSize();
        for (int from = 0; from < n; from += batchSize) {
            int m = Math.min(batchSize, n - from);
            float[] x = new float[m * 3 * s * s];
            for (int k = 0; k < m; k++) {
                preprocessor.toInput(src.gray(from + k), s, x, k * 3 * s * s);
            }
            try (NDManager sub = trainer.manager().newSubManager()) {
                outputs.accept(from, m, trainer.predict(sub.create(x, new Shape(m, 3, s, s))));
            }
        }
    }

    /** The labels of a source, in its order. */
    static int[] labels(ImageSource src) {
        int[] l = new int[src.size()];
        for (int i = 0; i < l.length; i++) l[i] = src.entry(i).label();
        return l;
    }
}
