package io.pxrcad.train;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A small phantom cohort for training tests, a quarter held out for validation (patient-grouped). */
record HeldOutCohort(Manifest manifest, List<ManifestEntry> train, List<ManifestEntry> val) {
    /** {@code count} phantoms of {@code size} px at difficulty 0, written to {@code dir}. */
    static HeldOutCohort write(Path dir, int size, int count, long seed) throws IOException {
        CohortWriter.write(PhantomConfig.defaults().withSize(size).withDifficulty(0).withSeed(seed), dir, count, 2, ProgressListener.NONE);
        Manifest m = Manifest.load(dir.resolve("manifest.csv"));
        List<ManifestEntry> all = KFoldSplitter.holdOut(m.entries(), 0.25, 1);
        return new HeldOutCohort(m, all.stream().filter(e -> e.split().orElseThrow() == Split.TRAIN).toList(),
                all.stream().filter(e -> e.split().orElseThrow() == Split.VAL).toList());
    }
}
