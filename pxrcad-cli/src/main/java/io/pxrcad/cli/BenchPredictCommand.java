package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.ImageInput;
import io.pxrcad.infer.ImageOutcome;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.infer.IsolatedScoring;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pxrcad bench predict}: what {@code predict} does per image (decode a PNG, the chained
 * pass, the scope check), timed over generated phantoms at several batch sizes in one run:
 * images per second (median of the repeats), the ratio to the first batch size, and a checksum of
 * the probabilities with the largest difference from the first batch size, so that "faster" also
 * means "same results".
 */
@Command(name = "predict", description = "Prediction throughput (images/s) of a model on generated phantoms at several batch sizes.")
final class BenchPredictCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Two-stage model folder (RUN/model).")
    Path model;

    @Option(names = "--count", defaultValue = "200", description = "Phantoms (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Phantom side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8", description = "Batch sizes to compare (default ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Rounds; in each, every batch size scores all phantoms once (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the phantoms (default: a temporary folder, removed after).")
    Path work;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() throws Exception {
        Options.between("--count", count, 1, 100_000);
        Options.between("--size", size, 32, 4096);
        Options.between("--repeats", repeats, 1, 100);
        for (int b : batchSizes) Options.between("--batch-sizes", b, 1, io.pxrcad.train.TrainConfig.MAX_BATCH_SIZE);
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? work : Files.createTempDirectory("pxrcad-bench-predict");
        try {
            if (work != null) OutputFolder.check(work, "--work");
            List<ManifestEntry> entries = CohortWriter.write(PhantomConfig.defaults().withSize(size).withSeed(5), dir, count,
                    2, ProgressListener.NONE);
            List<ImageInput> inputs = entries.stream().map(e -> ImageInput.of(dir.resolve(e.image()))).toList();
            try (FractureDetector detector = FractureDetector.load(model, device, engine)) {
                out.println(BenchEnvironment.line(engine.describe(device) + ", torch threads "
                        + System.getProperty("ai.djl.pytorch.num_threads", "default")));
                out.printf(Locale.ROOT, "method: %d phantoms of %d px (PNG files), model input %d px; per pass: decode, chained"
                        + " pass, scope check (what predict does, without printing); 1 warm-up batch each, then the median of %d"
                        + " rounds in which the batch sizes take turns%n", count, size, detector.imageSize(), repeats);
                out.printf(Locale.ROOT, "%-6s %12s %10s %8s  %-16s %s%n", "batch", "images/s", "median s", "ratio", "checksum",
                        "max |diff| to first");
                out.flush();
                // the batch sizes take turns in each round, so that the machine's drift (a shared host)
                // falls on all of them alike
                for (int b : batchSizes) IsolatedScoring.score(detector, inputs.subList(0, Math.min(b, inputs.size())));
                double[][] seconds = new double[batchSizes.length][repeats];
                double[][] probs = new double[batchSizes.length][];
                for (int r = 0; r < repeats; r++) {
                    for (int j = 0; j < batchSizes.length; j++) {
                        long t0 = System.nanoTime();
                        probs[j] = scoreAll(detector, inputs, batchSizes[j]);
                        seconds[j][r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                double firstRate = count / Median.of(seconds[0]);
                for (int j = 0; j < batchSizes.length; j++) {
                    double median = Median.of(seconds[j]), rate = count / median;
                    double maxDiff = 0, sum = 0;
                    for (int i = 0; i < probs[j].length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(probs[j][i] - probs[0][i]));
                        sum += probs[j][i];
                    }
                    out.printf(Locale.ROOT, "%-6d %12.1f %10.3f %8.2f  %-16.6f %.2e%n", batchSizes[j], rate, median,
                            rate / firstRate, sum, maxDiff);
                }
                out.flush();
            }
        } finally {
            if (work == null) OutputFolder.deleteTree(dir);
        }
        return 0;
    }

    private static double[] scoreAll(FractureDetector detector, List<ImageInput> inputs, int batch) {
        List<Double> p = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batch) {
            for (ImageOutcome o : IsolatedScoring.score(detector, inputs.subList(from, Math.min(inputs.size(), from + batch)))) {
                if (o.failed()) throw new IllegalStateException(o.error());
                p.add(o.detection().probability());
            }
        }
        return p.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
