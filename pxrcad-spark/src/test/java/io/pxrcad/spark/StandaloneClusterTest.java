package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The job on a real Spark standalone cluster: a master and two workers (1 core, 2 GiB each),
 * separate JVMs on 127.0.0.1 started from this project's own Spark jars, the job submitted from
 * this JVM (client mode) with the test class path as the executors' class path. 12 phantoms (PNG
 * and DICOM) and a corrupt file give the same rows as on {@code local[2]}; both executors take
 * part; once the local run is done, the workers are up and the job is done on them within 120 s.
 * The processes are stopped by the test, also when it fails.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    static final JavaProcesses processes = new JavaProcesses();

    @AfterAll
    static void stopCluster() {
        processes.close();
    }

    @Test
    void twoWorkersGiveTheRowsOfLocal2() throws Exception {
        Path model = TinyModel.get();
        Path in = dir.resolve("archive");
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(96).withSeed(41);
        CohortWriter.write(phantoms, CohortWriter.Format.PNG, in.resolve("png"), 6, 2, ProgressListener.NONE);
        CohortWriter.write(phantoms.withSeed(42), CohortWriter.Format.DICOM, in.resolve("dicom"), 6, 2, ProgressListener.NONE);
        Files.write(in.resolve("broken.dcm"), new byte[300]);

        long start = System.nanoTime();
        int port = JavaProcesses.freePort(), ui = JavaProcesses.freePort();
        String master = "spark://127.0.0.1:" + port;
        // a Spark home whose jars folder is empty: the executors' class path is spark.executor.extraClassPath;
        // the Scala version is what a distribution's load-spark-env.sh would set
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        Map<String, String> env = Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.13");
        processes.start(dir.resolve("master.log"), env, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + ui);
        for (int w = 1; w <= 2; w++) {
            processes.start(dir.resolve("worker" + w + ".log"), env, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--webui-port", "0",
                    "--work-dir", Files.createDirectories(dir.resolve("work" + w)).toString(), master);
        }

        // meanwhile the same files on local[2], for the rows to compare with
        BatchOptions options = BatchOptions.of(model.toString(), in.toString(), dir.resolve("local").toString())
                .withPartitions(4).withBatchSize(2);
        Map<String, Row> local;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("pxrcad-local")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            BatchScoring.run(spark, options);
            local = rows(spark, dir.resolve("local"));
        } finally {
            spark.stop();
        }

        long clusterStart = System.nanoTime();
        awaitWorkers(ui, 2, clusterStart + 90_000_000_000L);
        spark = null;
        try {
            spark = SparkSession.builder().master(master).appName("pxrcad-standalone-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "1g").config("spark.executor.cores", "1").config("spark.cores.max", "2")
                .config("spark.executor.extraClassPath", JavaProcesses.classPath())
                .config("spark.executor.extraJavaOptions", String.join(" ", JavaProcesses.sparkJvmOptions())
                        + " -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1")
                .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                // both executors before the first task, so that both take part
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s")
                .getOrCreate();
            Path out = dir.resolve("cluster");
            BatchScoring.Result r = BatchScoring.run(spark, BatchOptions.of(model.toString(), in.toString(), out.toString())
                    .withPartitions(4).withBatchSize(2));
            double seconds = (System.nanoTime() - clusterStart) / 1e9;
            System.err.printf("StandaloneClusterTest: %.1f s in all; after local[2], workers up and 13 files scored in %.1f s; %s%n",
                    (System.nanoTime() - start) / 1e9, seconds, r.summary().line());
            assertThat(spark.sparkContext().statusTracker().getExecutorInfos()).as("the driver and two executors").hasSize(3);
            assertThat(r.summary().images()).isEqualTo(13);
            assertThat(r.summary().errorsByKind()).isEqualTo(Map.of("invalid image", 1L));
            Map<String, Row> cluster = rows(spark, out);
            assertThat(cluster.keySet()).isEqualTo(local.keySet()).hasSize(13);
            for (String path : local.keySet()) {
                Row a = local.get(path), b = cluster.get(path);
                for (String column : ScoredRows.SCHEMA.fieldNames()) {
                    if (column.equals(ScoredRows.SCORED_AT)) continue;
                    assertThat(String.valueOf(b.<Object>getAs(column))).as(column + " of " + path)
                            .isEqualTo(String.valueOf(a.<Object>getAs(column)));
                }
            }
            assertThat(seconds).as("waiting for the workers and the job on them").isLessThan(120);
        } catch (AssertionError | RuntimeException e) {
            System.err.println(processes.tails());
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    System.err.println("--- " + dir.relativize(f) + "\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
                            .map(l -> l.length() > 300 ? l.substring(0, 300) + "..." : l).toList()));
                }
            }
            throw e;
        } finally {
            if (spark != null) spark.stop();
        }
    }

    private static Map<String, Row> rows(SparkSession spark, Path out) {
        Map<String, Row> byPath = new TreeMap<>();
        List<Row> all = spark.read().parquet(out.toString()).collectAsList();
        for (Row r : all) assertThat(byPath.put(r.getAs(ScoredRows.PATH), r)).as("a second row").isNull();
        return byPath;
    }

    /** Waits until the master's status page counts {@code n} alive workers. */
    private static void awaitWorkers(int uiPort, int n, long deadlineNanos) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        String last = "";
        while (System.nanoTime() < deadlineNanos) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) return;
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        fail("expected " + n + " alive workers; the master said: " + last + "\n" + processes.tails());
    }
}
