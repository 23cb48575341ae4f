package io.pxrcad.cv;

import io.pxrcad.DataException;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;

import java.util.ArrayList;
import java.util.List;

/** The folds of a cross-validation: patient-grouped and stratified, 70/10/20 train/validation/test. */
public final class CvFolds {
    private CvFolds() {}

    /**
     * The folds, each checked: every part (train, validation, test) must hold images of both
     * classes, else the fold cannot be trained or measured.
     */
    public static List<List<ManifestEntry>> of(Manifest m, int folds, long seed) {
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        long patients = m.entries().stream().map(ManifestEntry::patient).distinct().count();
        if (patients < folds) {
            throw new DataException(m.file() + ": cannot make " + folds + " folds from " + patients + " patients");
        }
        List<List<ManifestEntry>> split = new KFoldSplitter(folds, seed, 0.7, 0.1).split(m.entries());
        for (int f = 0; f < split.size(); f++) {
            for (Split s : new Split[]{Split.TRAIN, Split.VAL, Split.TEST}) {
                List<ManifestEntry> part = part(split.get(f), s);
                long pos = part.stream().filter(ManifestEntry::positive).count();
                if (part.isEmpty() || pos == 0 || pos == part.size()) {
                    throw new DataException(m.file() + ": fold " + (f + 1) + " of " + folds + ": the " + s.label()
                            + " part has " + part.size() + " images, " + pos + " positive; every part of every fold "
                            + "needs both classes (use fewer --folds or more images)");
                }
            }
        }
        return split;
    }

    /** The rows of one part of a fold. */
    public static List<ManifestEntry> part(List<ManifestEntry> fold, Split s) {
        List<ManifestEntry> out = new ArrayList<>();
        for (ManifestEntry e : fold) if (e.split().orElse(null) == s) out.add(e);
        return out;
    }
}
