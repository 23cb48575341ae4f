package io.pxrcad.spark;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One tiny model for this module's tests (40 phantoms of 96 px, 2 epochs of the tiny preset),
 * trained by the first test that asks for it and shared by the others in the same JVM.
 */
final class TinyModel {
    private static Path model;

    private TinyModel() {}

    static synchronized Path get() {
        if (model != null) return model;
        try {
            long start = System.nanoTime();
            Path dir = Files.createTempDirectory("pxrcad-spark-model");
            PhantomConfig phantoms = PhantomConfig.defaults().withSize(96).withSeed(5).withDifficulty(0);
            List<ManifestEntry> cohort = KFoldSplitter.holdOut(
                    CohortWriter.write(phantoms, dir.resolve("train"), 40, 2, ProgressListener.NONE), 0.25, 1);
            ManifestWriter.write(dir.resolve("train/manifest.csv"), cohort);
            Manifest manifest = Manifest.load(dir.resolve("train/manifest.csv"));
            TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withDevice("cpu");
            plan = plan.withConfig(plan.config().withEpochs(2));
            TwoStageTraining.Result result = TwoStageTraining.run(manifest, part(manifest, Split.TRAIN),
                    part(manifest, Split.VAL), plan, dir.resolve("run"), false, ProgressListener.NONE);
            model = result.artifact().dir();
            System.err.printf("TinyModel: trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ManifestEntry> part(Manifest m, Split s) {
        return m.entries().stream().filter(e -> e.split().orElseThrow() == s).collect(Collectors.toList());
    }
}
