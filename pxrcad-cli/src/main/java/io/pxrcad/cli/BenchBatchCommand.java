package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.ProgressListener;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.spark.BatchJob;
import io.pxrcad.spark.BatchOptions;
import io.pxrcad.spark.BatchScoring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code pxrcad bench batch}: the Spark job ({@code pxrcad batch}) on generated phantoms under
 * several masters in turn: images/s of the job (listing, scoring, writing; the session's start
 * not counted), the ratio to the first master, the peak memory of each executor process, and the
 * sum of the probabilities as a checksum, so that "faster" also means "same results".
 */
@Command(name = "batch", description = {"Throughput (images/s) of pxrcad batch on generated phantoms under several Spark masters.",
        "For a standalone cluster (spark://...), its workers must reach this command's class path at the same path."})
final class BenchBatchCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Two-stage model folder (RUN/model).")
    Path model;

    @Option(names = "--count", defaultValue = "1000", description = "Phantoms (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Phantom side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--masters", split = ",", defaultValue = "local[1],local[2]", paramLabel = "URL",
            description = "Spark masters to compare, in this order (default ${DEFAULT-VALUE}).")
    String[] masters;

    @Option(names = "--partitions", defaultValue = "16", description = "Tasks per job (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for phantoms and outputs (default: a temporary folder, removed after).")
    Path work;

    @CommandLine.Mixin
    BatchSizeOption batchSizeOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() throws Exception {
        Options.between("--count", count, 1, 1_000_000);
        Options.between("--size", size, 32, 4096);
        Options.between("--partitions", partitions, 1, 100_000);
        for (String m : masters) BatchJob.checkedMaster(m);
        int batch = batchSizeOption.checked();
        String engine = engineOption.resolved("cpu");
        engineOption.checked("cpu");
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? work : Files.createTempDirectory("pxrcad-bench-batch");
        try {
            if (work != null) OutputFolder.check(work, "--work");
            CohortWriter.write(PhantomConfig.defaults().withSize(size).withSeed(5), dir.resolve("phantoms"), count, 2,
                    ProgressListener.NONE);
            // executors report their process's peak memory with their heartbeats
            System.setProperty("spark.executor.processTreeMetrics.enabled", "true");
            System.setProperty("spark.executor.heartbeatInterval", "2s");
            out.println(BenchEnvironment.line("Spark " + BatchJob.sparkVersion() + ", engine " + engine + " " + engineOption.precision));
            out.printf(Locale.ROOT, "method: %d phantoms of %d px (PNG), %d tasks, batch size %d, device cpu, engine %s; a warm-up job of 8"
                    + " images on the first master, then per master one job into a new Parquet output; images/s from the job's start"
                    + " (model check, listing, executors loading the model, scoring, writing) to its summary%n",
                    count, size, partitions, batch, engine);
            out.printf(Locale.ROOT, "%-24s %8s %9s %8s  %-14s %s%n", "master", "images", "images/s", "ratio", "checksum",
                    "peak RSS per executor (MiB)");
            out.flush();
            // a warm-up job on the first master (8 images, not reported): this JVM's first job also pays for
            // loading classes and libtorch, which the masters after it would not
            Path warmup = Files.createDirectories(dir.resolve("warmup"));
            try (var images = Files.list(dir.resolve("phantoms/images"))) {
                for (Path p : images.sorted().limit(8).toList()) Files.copy(p, warmup.resolve(p.getFileName()));
            }
            BatchJob.run(options(warmup, dir.resolve("out-warmup"), 2, batch), masters[0], ProgressListener.NONE);
            double first = 0;
            for (int i = 0; i < masters.length; i++) {
                SparkExecutorSettings.useThisJvmFor(masters[i]);
                BatchScoring.Result r = BatchJob.run(options(dir.resolve("phantoms/images"), dir.resolve("out-" + i), partitions, batch),
                        masters[i], ProgressListener.NONE);
                double rate = r.summary().imagesPerSecond();
                if (i == 0) first = rate;
                String memory = r.executorPeakRss().isEmpty() ? "not measured" : r.executorPeakRss().entrySet().stream()
                        .map(e -> e.getKey() + " " + Math.round(e.getValue() / 1048576.0)).collect(Collectors.joining(", "));
                out.printf(Locale.ROOT, "%-24s %8d %9.2f %8.2f  %-14.6f %s%n", masters[i], r.summary().images(), rate,
                        rate / first, r.summary().probabilitySum(), memory);
                out.flush();
            }
        } finally {
            if (work == null) OutputFolder.deleteTree(dir);
        }
        return 0;
    }

    private BatchOptions options(Path input, Path output, int tasks, int batch) {
        return new BatchOptions(model.toString(), input.toString(), output.toString(), BatchOptions.IMAGE_GLOB, tasks, batch, "cpu",
                engineOption.name, engineOption.precision, false,
                io.pxrcad.spark.OutputFormat.PARQUET);
    }
}
