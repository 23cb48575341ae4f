package io.pxrcad.cli;

import io.pxrcad.spark.BatchJob;
import io.pxrcad.spark.BatchOptions;
import io.pxrcad.spark.BatchScoring;
import io.pxrcad.spark.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad batch}: scores an archive with the Spark job ({@link BatchJob}), on an embedded
 * local Spark by default or as a client of a cluster's master; prints the summary line.
 */
@Command(name = "batch", description = {"Score a whole archive on Apache Spark: one output row per image (Parquet or CSV).",
        "The input is a directory tree, a CSV with a 'path' column (or a manifest) or a Parquet table with a 'path' column.",
        "Runs an embedded local Spark unless --master names a cluster."})
final class BatchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model); every executor must read it.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "A folder (searched recursively), a .csv or a .parquet table; a local path or a Hadoop URI (hdfs://, s3a://).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output folder; must not exist unless --skip-done.")
    String output;

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
            description = "Spark master: local[N], local[*] or spark://HOST:PORT (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Input partitions (tasks); 0 leaves it to Spark (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--skip-done", description = "Score only images whose (path, content hash, model version) the output lacks, and add them.")
    boolean skipDone;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--glob", defaultValue = BatchOptions.IMAGE_GLOB, paramLabel = "GLOB",
            description = "File names scored in a folder (default: common image and DICOM extensions; '*' for all).")
    String glob;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    BatchSizeOption batchSizeOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() {
        String device = deviceOption.checked();
        engineOption.checked(device);
        BatchOptions options = new BatchOptions(model, input, output, glob, Options.between("--partitions", partitions, 0, 1_000_000),
                batchSizeOption.checked(), device, engineOption.name, engineOption.precision, skipDone, OutputFormat.of(format));
        SparkExecutorSettings.useThisJvmFor(BatchJob.checkedMaster(master));
        BatchScoring.Result result = BatchJob.run(options, master, ConsoleProgress.logged());
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.summary().line());
        out.flush();
        return 0;
    }
}
