package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import org.apache.spark.sql.SparkSession;

import java.util.regex.Pattern;

/**
 * A batch job in a Spark session of its own, for applications that run one job and stop (the
 * command line, {@link BatchMain}): embedded in this JVM with {@code local[N]}, or a client of a
 * cluster's master.
 */
public final class BatchJob {
    /** The master URLs Spark knows: local ones, standalone, YARN, Kubernetes. */
    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://[^/\\s]+:\\d+(,[^/\\s]+:\\d+)*|yarn|k8s://\\S+");

    private BatchJob() {}

    /** The Spark version this application runs with. */
    public static String sparkVersion() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }

    /** {@code master}, or a one-line error naming the forms Spark accepts. */
    public static String checkedMaster(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("expected --master local, local[N], local[*], spark://HOST:PORT, yarn"
                    + " or k8s://URL but was '" + master + "'");
        }
        return master;
    }

    /**
     * Starts a session on {@code master} (null: the one {@code spark-submit} configured), runs the
     * job and stops the session.
     */
    public static BatchScoring.Result run(BatchOptions options, String master, ProgressListener progress) {
        SparkSession.Builder builder = SparkSession.builder().appName("pxrcad batch");
        if (master != null) builder.master(checkedMaster(master));
        if (master != null && master.startsWith("local")) {
            // an embedded Spark talks only to itself: nothing listens on the network
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        // an application of its own: a second Spark UI port would only compete with other jobs'
        builder.config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"));
        SparkSession spark = builder.getOrCreate();
        try {
            return BatchScoring.run(spark, options, progress);
        } finally {
            spark.stop();
        }
    }
}
