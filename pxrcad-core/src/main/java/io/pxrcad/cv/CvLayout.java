package io.pxrcad.cv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a cross-validation keeps its files, and what is left to do: per fold
 * {@code OUT/fold-K/METHOD/scores.csv} (the test-part scores; its existence marks the fold and
 * method done) and {@code OUT/fold-K/runs/TRAINING/} (the training run with its checkpoints
 * and model). Folds are numbered from 1.
 */
public record CvLayout(Path out, int folds, List<CvMethod> methods) {
    public static final String SCORES_FILE = "scores.csv";

    public CvLayout {
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        methods = List.copyOf(methods);
        if (methods.isEmpty()) throw new IllegalArgumentException("expected at least one method");
    }

    /** One training run of one fold and the methods whose scores it writes. */
    public record Job(int fold, String training, List<CvMethod> methods) {}

    public Path foldDir(int fold) { return out.resolve("fold-" + fold); }

    public Path scores(int fold, CvMethod m) { return foldDir(fold).resolve(m.id()).resolve(SCORES_FILE); }

    public Path run(int fold, String training) { return foldDir(fold).resolve("runs").resolve(training); }

    public boolean done(int fold, CvMethod m) { return Files.isRegularFile(scores(fold, m)); }

    /** The runs still to do, fold by fold, in Table 1's method order; empty when every score file exists. */
    public List<Job> pending() {
        List<Job> jobs = new ArrayList<>();
        for (int f = 1; f <= folds; f++) {
            Map<String, List<CvMethod>> byTraining = new LinkedHashMap<>();
            for (CvMethod m : methods) {
                if (!done(f, m)) byTraining.computeIfAbsent(m.training(), k -> new ArrayList<>()).add(m);
            }
            int fold = f;
            byTraining.forEach((t, ms) -> jobs.add(new Job(fold, t, List.copyOf(ms))));
        }
        return jobs;
    }
}
