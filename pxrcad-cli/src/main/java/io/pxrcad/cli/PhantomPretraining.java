package io.pxrcad.cli;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.train.PretrainConfig;
import io.pxrcad.train.Pretraining;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Stage 1's backbone pretrained ({@code pxrcad pretrain}, masked-image modelling) on unlabelled
 * phantoms, for the commands that generate their cohort ({@code demo}, {@code bench train}): a
 * cohort of its own (seed offset by {@link #UNLABELLED_SEED}, same size and difficulty), so no image
 * of the labelled cohort, test part included, is seen; only the image files are handed on.
 */
final class PhantomPretraining {
    /** Offset of the unlabelled cohort's seed from the labelled one's. */
    static final long UNLABELLED_SEED = 1_000_003L;

    private PhantomPretraining() {}

    /**
     * @param images unlabelled phantoms to draw and pretrain on
     * @param dir    the run's folder: {@code unlabelled/} and {@code pretrained-stage1.safetensors} go there
     * @return the pretrained backbone, for {@code TwoStageTraining.Plan#withPretrained}
     */
    static Path run(GeneratedRunOptions.Checked g, int images, int epochs, Path dir, String device, PrintWriter w)
            throws IOException {
        Path unlabelled = dir.resolve("unlabelled");
        long t0 = System.nanoTime();
        List<ManifestEntry> entries = CohortWriter.write(g.phantoms().withSeed(g.seed() + UNLABELLED_SEED), unlabelled, images,
                Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
        List<Path> files = entries.stream().map(e -> unlabelled.resolve(e.image())).toList();
        PretrainConfig pc = PretrainConfig.defaults(g.preset().stage1()).withEpochs(epochs)
                .withImageSize(g.config().imageSize()).withSeed(g.seed());
        Path out = dir.resolve("pretrained-stage1.safetensors");
        Pretraining.Result r = Pretraining.run(pc, files, out, device, false, ConsoleProgress.logged());
        w.printf(Locale.ROOT, "pretrained %s on %d unlabelled phantoms, %d epochs, final masked-pixel loss %.4f (%.0f s)%n",
                g.preset().stage1().id(), r.images(), epochs, r.finalLoss(), (System.nanoTime() - t0) / 1e9);
        w.flush();
        return out;
    }
}
