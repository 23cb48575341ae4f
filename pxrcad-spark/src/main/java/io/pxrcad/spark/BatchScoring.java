package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch job: lists the files to score ({@link InputPaths}), scores each partition with
 * {@link PartitionScorer} and writes one row per file through Spark's writer. Its commit protocol
 * (Hadoop's {@code FileOutputCommitter}, algorithm 1, set here rather than left to the cluster's
 * default) keeps each task's files under {@code _temporary} until the whole job succeeded, so a
 * killed job leaves no row visible, and a {@code --skip-done} re-run ends with every file once.
 * One job writes to an output at a time.
 */
public final class BatchScoring {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]|local");
    /** Where FileOutputCommitter keeps the files of tasks whose job has not committed yet. */
    private static final String PENDING = "_temporary";

    private BatchScoring() {}

    /**
     * What a run did: which model scored, and what it added to the output.
     *
     * @param executorPeakRss peak resident memory in bytes by executor, where Spark measured it
     *                        ({@link ExecutorMemory})
     */
    public record Result(ModelIdentity model, BatchSummary summary, Map<String, Long> executorPeakRss) {}

    /** Runs the job on {@code spark}. */
    public static Result run(SparkSession spark, BatchOptions o) {
        return run(spark, o, ProgressListener.NONE);
    }

    /** Runs the job on {@code spark}, reporting the files dealt with to {@code progress}. */
    public static Result run(SparkSession spark, BatchOptions o, ProgressListener progress) {
        // Spark keeps microseconds: a row scored just after the start must not look older than its run
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // on the driver first: a missing or damaged model is one clear error, not a failure in every task
        ModelIdentity model = ModelIdentity.of(Path.of(o.model()));
        Dataset<Row> files = InputPaths.of(spark, o.input(), o.glob());
        prepareOutput(spark, o);
        if (o.partitions() > 0) files = files.repartition(o.partitions());
        files = files.persist(StorageLevel.MEMORY_AND_DISK());
        Broadcast<Set<String>> done = null;
        if (o.skipDone()) {
            done = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .broadcast(DoneFiles.of(o.format().read(spark, o.output()), model));
        }
        LongAccumulator handled = spark.sparkContext().longAccumulator("pxrcad files");
        PartitionScorer scorer = new PartitionScorer(Path.of(o.model()).toAbsolutePath().toString(), o.device(), o.engine(), o.precision(), o.batchSize(),
                torchThreads(spark.sparkContext().getConf()), model,
                new HadoopSettings(spark.sparkContext().hadoopConfiguration()), done, handled);
        ExecutorMemory memory = new ExecutorMemory();
        try (ProgressListener.Task task = progress.started("scoring", files.count(), true)) {
            BatchProgress listener = new BatchProgress(handled.id(), task);
            spark.sparkContext().addSparkListener(listener);
            spark.sparkContext().addSparkListener(memory);
            try {
                Dataset<Row> scored = files.mapPartitions(scorer, Encoders.row(ScoredRows.SCHEMA));
                o.format().write(o.format().columns(scored).write()
                        .mode(o.skipDone() ? SaveMode.Append : SaveMode.ErrorIfExists)
                        .option("mapreduce.fileoutputcommitter.algorithm.version", "1"), o.output());
                listener.finished(handled.value());
            } finally {
                spark.sparkContext().removeSparkListener(listener);
                spark.sparkContext().removeSparkListener(memory);
                files.unpersist();
            }
        }
        return new Result(model, BatchSummary.of(o.format().read(spark, o.output()), model, start), memory.peakRss());
    }

    /**
     * A plain run needs a new output. A {@code --skip-done} run drops what a killed job left
     * under {@code _temporary}: the committer of the next job would otherwise take the killed
     * job's committed tasks into the output with its own, and their files twice.
     */
    private static void prepareOutput(SparkSession spark, BatchOptions o) {
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(o.output());
        try {
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(out)) return;
            if (!o.skipDone()) {
                throw new IllegalArgumentException("the output " + o.output()
                        + " already exists (with --skip-done only the files it lacks are scored and added)");
            }
            fs.delete(new org.apache.hadoop.fs.Path(out, PENDING), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output " + o.output() + ": " + e.getMessage(), e);
        }
    }

    /**
     * PyTorch threads per executor JVM so that its concurrent tasks do not oversubscribe the
     * cores: with {@code local[N]} the N tasks share this machine's cores; on a cluster each
     * task was given {@code spark.task.cpus} cores (an executor of {@code spark.executor.cores}
     * C runs C / task.cpus tasks at once, each with its own PyTorch thread team).
     */
    static int torchThreads(SparkConf conf) {
        Matcher m = LOCAL.matcher(conf.get("spark.master", ""));
        int cores = Runtime.getRuntime().availableProcessors();
        if (m.matches()) {
            if (m.group(1) == null) return cores;
            if (m.group(1).equals("*")) return 1;
            return Math.max(1, cores / Integer.parseInt(m.group(1)));
        }
        return Math.max(1, conf.getInt("spark.task.cpus", 1));
    }
}
