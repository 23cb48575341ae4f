package io.pxrcad.cli;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.data.Split;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A phantom cohort written to {@code dir} and split as {@code pxrcad split} does (fold 1 of 5:
 * 20% test, 70/10 train/validation, stratified, patient-grouped), for the commands that run the
 * method on data they make themselves ({@code demo}, {@code bench train}).
 *
 * @param manifest {@code dir/split.csv}, the cohort with its split column
 */
record GeneratedCohort(Manifest manifest, List<ManifestEntry> train, List<ManifestEntry> val, List<ManifestEntry> test) {

    static GeneratedCohort write(PhantomConfig phantoms, Path dir, int count, long splitSeed) throws IOException {
        List<ManifestEntry> entries = CohortWriter.write(phantoms, dir, count, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
        List<ManifestEntry> fold = new KFoldSplitter(splitSeed).split(entries).get(0);
        ManifestWriter.write(dir.resolve("split.csv"), fold);
        return new GeneratedCohort(Manifest.load(dir.resolve("split.csv")), part(fold, Split.TRAIN), part(fold, Split.VAL),
                part(fold, Split.TEST));
    }

    private static List<ManifestEntry> part(List<ManifestEntry> fold, Split s) {
        return fold.stream().filter(e -> e.split().orElseThrow() == s).toList();
    }
}
