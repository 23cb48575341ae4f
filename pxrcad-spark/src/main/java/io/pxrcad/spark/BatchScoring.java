package io.pxrcad.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch job: lists the image files of a directory tree with Spark's {@code binaryFile}
 * source (recursive, glob filter; only the paths, the files are read by the scoring tasks),
 * scores each partition with {@link PartitionScorer} and writes one Parquet row per file through
 * Spark's writer, whose commit protocol makes the output's files visible only once the job
 * succeeded.
 */
public final class BatchScoring {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]|local");

    private BatchScoring() {}

    /** What a run did: which model scored, and what it added to the output. */
    public record Result(ModelIdentity model, BatchSummary summary) {}

    /** Runs the job on {@code spark}. */
    public static Result run(SparkSession spark, BatchOptions o) {
        // Spark keeps microseconds: a row scored just after the start must not look older than its run
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // on the driver first: a missing or damaged model is one clear error, not a failure in every task
        ModelIdentity model = ModelIdentity.of(Path.of(o.model()));
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", o.glob())
                .load(o.input())
                .select("path");
        if (o.partitions() > 0) files = files.repartition(o.partitions());
        Broadcast<Set<String>> done = null;
        if (o.skipDone()) {
            done = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(DoneFiles.of(spark, o.output(), model));
        }
        PartitionScorer scorer = new PartitionScorer(Path.of(o.model()).toAbsolutePath().toString(), o.device(), o.batchSize(),
                torchThreads(spark.sparkContext().getConf()), model,
                new HadoopSettings(spark.sparkContext().hadoopConfiguration()), done);
        files.mapPartitions(scorer, Encoders.row(ScoredRows.SCHEMA))
                .write()
                .mode(o.skipDone() ? SaveMode.Append : SaveMode.ErrorIfExists)
                .parquet(o.output());
        return new Result(model, BatchSummary.of(spark, o.output(), model, start));
    }

    /**
     * PyTorch threads per executor JVM so that its concurrent tasks do not oversubscribe the
     * cores: with {@code local[N]} the N tasks share this machine's cores; on a cluster each
     * task was given {@code spark.task.cpus} cores.
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
