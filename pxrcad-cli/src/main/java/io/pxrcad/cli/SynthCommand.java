package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.ContactSheet;
import io.pxrcad.phantom.PhantomConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pxrcad synth}: writes a synthetic cohort of pelvic radiographs with a manifest. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write synthetic pelvic radiographs (16-bit PNG or DICOM DX) and DIR/manifest.csv.")
final class SynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One million phantoms: far beyond any test or demo, short of filling a disk by a typo. */
    static final int MAX_COUNT = 1_000_000;

    @Option(names = "--out", description = {"Output folder (images/ and manifest.csv).",
            "A rerun replaces the earlier cohort there: its images (images/NNNNNN.png|dcm), manifest.csv and reads.csv;",
            "other files are left alone."})
    Path out;
    @Option(names = "--count", description = "Number of images, 1 to 1000000.")
    Integer count;
    @Option(names = "--size", defaultValue = "512", description = "Image width and height in pixels (default ${DEFAULT-VALUE}).")
    int size;
    @CommandLine.Mixin
    SeedOption seed;
    @Option(names = "--fracture-rate", defaultValue = "0.6", description = "Share of patients with a fracture (default ${DEFAULT-VALUE}).")
    double fractureRate;
    @Option(names = "--hip-share", defaultValue = "0.7", description = "Share of hip fractures among positives (default ${DEFAULT-VALUE}).")
    double hipShare;
    @Option(names = "--difficulty", defaultValue = "0.5", description = "0 = obvious .. 1 = subtle fractures (default ${DEFAULT-VALUE}).")
    double difficulty;
    @Option(names = "--second-image-share", defaultValue = "0.2", description = "Share of patients with two images (default ${DEFAULT-VALUE}).")
    double secondImageShare;
    @Option(names = "--format", defaultValue = "png",
            description = "Image format: png (16-bit) or dicom (DX for presentation, PELVIS, AP) (default ${DEFAULT-VALUE}).")
    String format;
    @CommandLine.Mixin
    ThreadsOption threads;
    @Option(names = "--readers", paramLabel = "N", description = {"Also write DIR/reads.csv: N simulated readers "
            + "(radiologist, emergency, orthopaedic in turn, seeded skill falling with --difficulty) answering every image.",
            "For demonstrations and tests of 'pxrcad reader-study' only: simulated readers say nothing about physicians."})
    Integer readers;
    @Option(names = "--contact-sheet", description = "Instead of a cohort, write a 4x4 contact sheet PNG of phantoms to this file.")
    Path contactSheet;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        // checks size (64..4096) and the shares ([0,1]) before anything is written
        PhantomConfig config = new PhantomConfig(size, seed.value(), fractureRate, hipShare, difficulty, secondImageShare);
        int workers = threads.count();
        if (contactSheet != null) {
            if (Files.isDirectory(contactSheet)) {
                throw new IllegalArgumentException("--contact-sheet " + contactSheet + " is a folder, expected a PNG file");
            }
            if (contactSheet.getParent() != null) OutputFolder.prepare(contactSheet.getParent(), "--contact-sheet");
            ContactSheet.write(contactSheet, seed.value());
            o.println("wrote contact sheet " + contactSheet);
            return 0;
        }
        if (out == null) throw new IllegalArgumentException("--out is required (or --contact-sheet FILE)");
        if (readers != null) Options.between("--readers", readers, 1, 1000);
        if (count == null) throw new IllegalArgumentException("--count is required");
        Options.between("--count", count, 1, MAX_COUNT);
        CohortWriter.Format imageFormat = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "png" -> CohortWriter.Format.PNG;
            case "dicom", "dcm" -> CohortWriter.Format.DICOM;
            default -> throw new IllegalArgumentException("--format must be png or dicom but was '" + format + "'");
        };
        OutputFolder.prepare(out, "--out");
        // the earlier run's images go in CohortWriter; its reads would answer images that changed
        if (readers == null) Files.deleteIfExists(out.resolve("reads.csv"));
        long start = System.nanoTime();
        List<ManifestEntry> rows = CohortWriter.write(config, imageFormat, out, count, workers, ConsoleProgress.printed(line -> {
            err.println(line);
            err.flush();
        }));
        if (readers != null) SimulatedReaders.write(out.resolve("reads.csv"), rows, readers, difficulty, seed.value());
        long positives = rows.stream().filter(ManifestEntry::positive).count();
        long patients = rows.stream().map(ManifestEntry::patient).distinct().count();
        o.printf("wrote %d images (%d positive, %d patients) and %s in %.1f s%n", rows.size(), positives, patients,
                out.resolve("manifest.csv"), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
