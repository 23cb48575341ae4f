package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A job killed midway: {@link BatchMain} in a JVM of its own ({@code local[1]}, 8 tasks of 2
 * images) is killed with SIGKILL once some of its tasks have committed. Nothing is visible in the
 * output (the committed tasks' files wait under {@code _temporary} for a job commit that never
 * comes); a {@code --skip-done} re-run then ends with each of the 16 images exactly once (the
 * killed job's leftovers are not taken in), and a re-run of the finished job scores nothing.
 */
class KillAndResumeTest {
    @Test
    void aKilledJobStartedAgainWithSkipDoneEndsWithEveryImageOnce(@TempDir Path dir) throws Exception {
        Path model = TinyModel.get();
        Path in = dir.resolve("archive");
        List<Path> images = CohortWriter.write(PhantomConfig.defaults().withSize(96).withSeed(51), CohortWriter.Format.PNG,
                        in, 16, 2, ProgressListener.NONE).stream()
                .map(e -> in.resolve(e.image()).toAbsolutePath().normalize()).toList();
        Path out = dir.resolve("scores");
        Path pending = out.resolve("_temporary/0");
        try (JavaProcesses jvms = new JavaProcesses()) {
            Process job = jvms.start(dir.resolve("job.log"), Map.of(), BatchMain.class.getName(), "--master", "local[1]",
                    "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                    "--partitions", "8", "--batch-size", "1");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (committedFiles(pending).isEmpty()) {
                if (!job.isAlive()) fail("the job ended (exit " + job.exitValue() + ") before it could be killed\n" + jvms.tails());
                if (System.nanoTime() > deadline) fail("no task committed within 120 s\n" + jvms.tails());
                Thread.sleep(50);
            }
            job.destroyForcibly();
            job.waitFor();
        }
        assertThat(committedFiles(pending)).as("the killed job's committed tasks").isNotEmpty();
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString())).as("visible output").containsExactly("_temporary");
        }

        SparkSession spark = SparkSession.builder().master("local[2]").appName("pxrcad-resume-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            BatchOptions resume = BatchOptions.of(model.toString(), in.toString(), out.toString())
                    .withPartitions(4).withBatchSize(2).withSkipDone(true);
            assertThat(BatchScoring.run(spark, resume).summary().images()).isEqualTo(16);
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            Set<Path> scored = new HashSet<>();
            for (Row r : rows) {
                assertThat(scored.add(Path.of(java.net.URI.create(r.getAs(ScoredRows.PATH))))).as("once: " + r.getAs("path")).isTrue();
                assertThat(r.<String>getAs(ScoredRows.ERROR)).isNull();
            }
            assertThat(scored).containsExactlyInAnyOrderElementsOf(images);
            assertThat(pending.getParent()).doesNotExist();

            assertThat(BatchScoring.run(spark, resume).summary().images()).as("a re-run of a finished job").isZero();
            assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(16);
        } finally {
            spark.stop();
        }
    }

    /** Data files of tasks that committed (FileOutputCommitter algorithm 1: {@code _temporary/0/task_*}). */
    private static List<Path> committedFiles(Path pending) throws java.io.IOException {
        if (!Files.isDirectory(pending)) return List.of();
        try (Stream<Path> s = Files.walk(pending)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-") && p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> pending.relativize(p).getName(0).toString().startsWith("task_")).toList();
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
            return List.of(); // a task's folder renamed while we looked
        }
    }
}
