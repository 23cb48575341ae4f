package io.pxrcad.server;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.data.Split;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TwoStageTraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;

/**
 * A two-stage model trained in the test, small enough to take seconds: 40 obvious 128-px phantoms,
 * the tiny preset, 2 epochs. Its quality does not matter here, only that it is a real artifact.
 */
final class TinyModel {
    private static Path shared;

    private TinyModel() {}

    /**
     * One model for every test class of this JVM (training is most of their time), in a temporary
     * folder removed when the JVM ends.
     */
    static synchronized Path shared() throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("pxrcad-server-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = train(dir);
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Trains into {@code dir}; returns the artifact folder. */
    static Path train(Path dir) throws IOException {
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(128).withSeed(21).withDifficulty(0);
        List<ManifestEntry> cohort = KFoldSplitter.holdOut(
                CohortWriter.write(phantoms, dir.resolve("data"), 40, 2, ProgressListener.NONE), 0.25, 1);
        ManifestWriter.write(dir.resolve("data/manifest.csv"), cohort);
        Manifest manifest = Manifest.load(dir.resolve("data/manifest.csv"));
        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withDevice("cpu");
        plan = plan.withConfig(plan.config().withEpochs(2));
        return TwoStageTraining.run(manifest, part(manifest, Split.TRAIN), part(manifest, Split.VAL), plan,
                dir.resolve("run"), false, ProgressListener.NONE).artifact().dir();
    }

    /** {@code count} phantoms of other patients (another seed) in {@code format}; their files. */
    static List<Path> phantoms(Path dir, CohortWriter.Format format, int count, int size) throws IOException {
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(size).withSeed(22).withDifficulty(0);
        return CohortWriter.write(phantoms, format, dir, count, 1, ProgressListener.NONE).stream()
                .map(e -> dir.resolve(e.image())).toList();
    }

    private static List<ManifestEntry> part(Manifest m, Split s) {
        return m.entries().stream().filter(e -> e.split().orElseThrow() == s).toList();
    }
}
