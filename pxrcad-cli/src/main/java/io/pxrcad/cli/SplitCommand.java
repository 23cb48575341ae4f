package io.pxrcad.cli;

import io.pxrcad.DataException;
import io.pxrcad.OutputFolder;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.data.RunInfo;
import io.pxrcad.data.Split;
import io.pxrcad.data.Stratum;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code pxrcad split}: k-fold cross-validation manifests ({@code fold-1.csv} ...) with the
 * {@code split} column, image paths rewritten relative to the output folder, a table of counts
 * and {@code run.json}.
 */
@Command(name = "split", description = "Write k-fold manifests (train/val/test, stratified, grouped by patient).")
final class SplitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--manifest", required = true, paramLabel = "CSV", description = "The manifest to split.")
    Path manifest;

    @CommandLine.Option(names = "--folds", defaultValue = "5", description = "Number of folds, 2 up to the number of patients (default: ${DEFAULT-VALUE}).")
    int folds;

    @CommandLine.Mixin
    SeedOption seed;

    /** The manifests this command writes; a rerun removes these (and only these) first. */
    private static final Pattern OWN_FILE = Pattern.compile("fold-\\d+\\.csv");

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = {"Output folder.",
            "A rerun replaces the earlier split there: every fold-N.csv and run.json; other files are left alone."})
    Path out;

    @Override
    public Integer call() throws Exception {
        if (folds < 2) throw new IllegalArgumentException("--folds must be >= 2 but was " + folds);
        OutputFolder.requireNotFile(out, "--out");
        Manifest m = Manifest.load(manifest);
        KFoldSplitter splitter = new KFoldSplitter(folds, seed.value(), 0.7, 0.1);
        List<List<ManifestEntry>> result;
        try {
            result = splitter.split(m.entries());
        } catch (IllegalArgumentException e) {
            throw new DataException("cannot split " + manifest + ": " + e.getMessage(), e);
        }
        Path outDir = OutputFolder.prepare(out, "--out").toAbsolutePath().normalize();
        // an earlier split with more folds must not leave its fold-4.csv, fold-5.csv beside these
        OutputFolder.removeOwn(outDir, n -> OWN_FILE.matcher(n).matches());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%4s %-5s %6s %8s %8s %5s %6s %8s%n", "FOLD", "PART", "IMAGES", "PATIENTS", "NEGATIVE", "HIP", "PELVIC", "UNTYPED");
        for (int f = 0; f < result.size(); f++) {
            List<ManifestEntry> rewritten = new ArrayList<>();
            for (ManifestEntry e : result.get(f)) rewritten.add(relativeTo(e, m, outDir));
            ManifestWriter.write(outDir.resolve("fold-" + (f + 1) + ".csv"), rewritten);
            for (Split part : Split.values()) {
                int[] n = new int[Stratum.values().length];
                Set<String> patients = new HashSet<>();
                int images = 0;
                for (ManifestEntry e : result.get(f)) {
                    if (e.split().orElseThrow() != part) continue;
                    images++;
                    patients.add(e.patient());
                    n[Stratum.of(e).ordinal()]++;
                }
                w.printf("%4d %-5s %6d %8d %8d %5d %6d %8d%n", f + 1, part.label(), images, patients.size(),
                        n[Stratum.NEGATIVE.ordinal()], n[Stratum.HIP.ordinal()], n[Stratum.PELVIC.ordinal()],
                        n[Stratum.POSITIVE_UNTYPED.ordinal()]);
            }
        }
        io.pxrcad.model.Provenance.capture("split", splitter, m, seed.value(), "cpu").write(outDir.resolve("run.json"));
        w.println("wrote " + result.size() + " manifests to " + outDir);
        w.flush();
        return 0;
    }

    /** The entry with its image path relative to the output folder, so that it still resolves there. */
    private static ManifestEntry relativeTo(ManifestEntry e, Manifest m, Path outDir) {
        Path image = m.resolve(e).toAbsolutePath().normalize();
        String rel = outDir.relativize(image).toString().replace(File.separatorChar, '/');
        return new ManifestEntry(rel, e.patient(), e.label(), e.type(), e.boxes(), e.split());
    }
}
