package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * The job on an embedded {@code local[2]} Spark with the {@link TinyModel}: a tree of 19 PNG and
 * 19 DICOM phantoms (in nested folders) plus a truncated PNG and a DICOM file of noise, and a text file the glob leaves out. Every
 * image is one row; each score is what {@link FractureDetector} gives for the same file; the two
 * broken files are rows with their errors. Then {@code --skip-done}: a re-run scores nothing, and
 * one new file is scored once.
 */
class BatchScoringTest {
    @TempDir
    static Path dir;
    static Path model;
    static SparkSession spark;

    @BeforeAll
    static void trainTinyModelAndStartSpark() {
        model = TinyModel.get();
        spark = SparkSession.builder().master("local[2]").appName("pxrcad-batch-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    @Test
    void scoresEveryFileOnceWithDetectorScoresAndErrorRows() throws Exception {
        Path in = dir.resolve("archive");
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(96).withSeed(21);
        CohortWriter.write(phantoms, CohortWriter.Format.PNG, in.resolve("png"), 19, 2, ProgressListener.NONE);
        CohortWriter.write(phantoms.withSeed(22), CohortWriter.Format.DICOM, in.resolve("dicom/ward-b"), 19, 2, ProgressListener.NONE);
        Path anyPng = in.resolve("png/images/000000.png");
        Path truncated = in.resolve("broken/truncated.png");
        Path noise = in.resolve("broken/noise.dcm");
        Files.createDirectories(truncated.getParent());
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(anyPng), 200));
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        Files.write(noise, random);
        Files.writeString(in.resolve("README.txt"), "not an image");
        List<Path> images;
        try (Stream<Path> s = Files.walk(in)) {
            images = s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertThat(images).hasSize(40);

        Path out = dir.resolve("scores");
        BatchOptions options = BatchOptions.of(model.toString(), in.toString(), out.toString()).withPartitions(3).withBatchSize(4);
        long start = System.nanoTime();
        BatchScoring.Result result = BatchScoring.run(spark, options);
        ModelIdentity identity = result.model();
        System.err.printf("BatchScoringTest: 40 files on local[2] in %.1f s; %s%n", (System.nanoTime() - start) / 1e9, result.summary());
        assertThat(result.summary().images()).isEqualTo(40);
        assertThat(result.summary().errors()).isEqualTo(2);
        assertThat(result.summary().errorsByKind()).isEqualTo(Map.of("invalid image", 2L));
        assertThat(result.summary().bands().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(38);

        Map<Path, Row> rows = rowsByFile(out);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(images);
        assertThat(Files.exists(out.resolve("_SUCCESS"))).isTrue();
        try (FractureDetector detector = FractureDetector.load(model, "cpu")) {
            for (Path image : images) {
                Row r = rows.get(image);
                assertThat(r.<String>getAs("sha256")).isEqualTo(ModelArtifact.sha256(Files.readAllBytes(image)));
                assertThat(r.<String>getAs("modelVersion")).isEqualTo(identity.version()).hasSize(16);
                assertThat(r.<java.sql.Timestamp>getAs("scoredAt")).isNotNull();
                if (image.equals(truncated) || image.equals(noise)) {
                    assertThat(r.<String>getAs("error")).as("error of " + image).isNotBlank().contains(image.getFileName().toString());
                    assertThat(r.<Object>getAs("probability")).isNull();
                    assertThat(r.<String>getAs("errorKind")).isEqualTo("invalid image");
                    System.err.println("BatchScoringTest: error row: " + r.getAs("error"));
                    continue;
                }
                assertThat(r.<String>getAs("error")).as("error of " + image).isNull();
                assertThat(r.<String>getAs("errorKind")).isNull();
                Detection d = detector.detect(ImageReaders.read(image));
                assertThat(r.<Double>getAs("probability")).as(image.toString()).isCloseTo(d.probability(), offset(1e-5));
                assertThat(r.<Double>getAs("stage1")).isCloseTo(d.stage1(), offset(1e-5));
                assertThat(r.<Double>getAs("stage2")).isCloseTo(d.stage2(), offset(1e-5));
                assertThat(r.<String>getAs("band")).isEqualTo(d.band().label());
                assertThat(r.<Boolean>getAs("inScope")).isEqualTo(d.inScope());
                Row roi = r.getAs("roi");
                assertThat(roi.getLong(0)).isEqualTo(Math.round(d.roi().x0()));
                assertThat(roi.getLong(3)).isEqualTo(Math.round(d.roi().y1()));
            }
        }

        // the output exists: a plain run refuses it, a --skip-done run scores nothing
        assertThatThrownBy(() -> BatchScoring.run(spark, options)).hasMessageContaining("already exists");
        assertThat(BatchScoring.run(spark, options.withSkipDone(true)).summary().images()).isZero();
        assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(40);
        // one new file: scored once, the others not again
        Path added = in.resolve("png/late.png");
        Files.copy(anyPng, added);
        assertThat(BatchScoring.run(spark, options.withSkipDone(true)).summary().images()).isEqualTo(1);
        Map<Path, Row> after = rowsByFile(out);
        assertThat(after).hasSize(41).containsKey(added);
        assertThat(after.get(added).<Double>getAs("probability")).isEqualTo(rows.get(anyPng).<Double>getAs("probability"));
    }

    /** Output rows by local file; fails on a file with two rows. */
    private static Map<Path, Row> rowsByFile(Path out) {
        List<Row> all = spark.read().parquet(out.toString()).collectAsList();
        Map<Path, Row> byFile = new HashMap<>();
        for (Row r : all) {
            Row before = byFile.put(Path.of(URI.create(r.getAs("path"))), r);
            assertThat(before).as("a second row for " + r.getAs("path")).isNull();
        }
        return byFile;
    }

}
