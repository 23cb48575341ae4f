package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inputs besides a directory tree (a manifest, a Parquet table with relative and absolute
 * paths), the CSV output, progress, and the one-line errors for a wrong input, on {@code local[2]}
 * with the {@link TinyModel} and 8 phantoms.
 */
class BatchInputsTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path cohort;
    static List<String> files;

    @BeforeAll
    static void cohortAndSpark() throws Exception {
        TinyModel.get();
        cohort = dir.resolve("cohort");
        List<ManifestEntry> entries = CohortWriter.write(PhantomConfig.defaults().withSize(96).withSeed(31),
                cohort, 8, 2, ProgressListener.NONE);
        ManifestWriter.write(cohort.resolve("manifest.csv"), entries);
        files = entries.stream().map(e -> "file:" + cohort.resolve(e.image()).toAbsolutePath().normalize()).sorted().toList();
        spark = SparkSession.builder().master("local[2]").appName("pxrcad-batch-inputs-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    @Test
    void aManifestAndAParquetTableGiveTheSameRowsAsCsvOrParquet() throws Exception {
        AtomicLong total = new AtomicLong(-1), advanced = new AtomicLong();
        ProgressListener progress = (name, n, summary) -> {
            total.set(n);
            return new ProgressListener.Task() {
                @Override
                public void advanced(String note) { advanced.incrementAndGet(); }

                @Override
                public void close() { }
            };
        };
        Path fromManifest = dir.resolve("from-manifest");
        BatchScoring.Result r = BatchScoring.run(spark, options(cohort.resolve("manifest.csv"), fromManifest).withPartitions(3), progress);
        assertThat(r.summary().images()).isEqualTo(8);
        assertThat(total.get()).isEqualTo(8);
        assertThat(advanced.get()).isEqualTo(8);
        Map<String, Double> scores = probabilities(OutputFormat.PARQUET, fromManifest);
        assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(files);

        // a table whose path column holds absolute and relative (to the table's folder) paths
        StructType schema = new StructType().add("path", DataTypes.StringType).add("patient", DataTypes.StringType);
        List<Row> table = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String absolute = files.get(i).substring("file:".length());
            table.add(RowFactory.create(i % 2 == 0 ? absolute : cohort.relativize(Path.of(absolute)).toString(), "p" + i));
        }
        Path parquetTable = cohort.resolve("paths.parquet");
        spark.createDataFrame(table, schema).coalesce(1).write().parquet(parquetTable.toString());
        Path asCsv = dir.resolve("as-csv");
        BatchScoring.Result csv = BatchScoring.run(spark, options(parquetTable, asCsv).withFormat(OutputFormat.CSV));
        assertThat(csv.summary().images()).isEqualTo(8);
        assertThat(csv.summary().bands()).isEqualTo(r.summary().bands());
        assertThat(probabilities(OutputFormat.CSV, asCsv)).isEqualTo(scores);
        try (var parts = Files.list(asCsv)) {
            List<String> names = parts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).toList();
            assertThat(names).isNotEmpty();
            String header = Files.readAllLines(asCsv.resolve(names.get(0))).get(0);
            assertThat(header).contains("path,sha256,probability").contains("roiX0,roiY0,roiX1,roiY1").contains("errorKind");
        }
        // the CSV output knows what it holds: a --skip-done re-run adds nothing
        assertThat(BatchScoring.run(spark, options(parquetTable, asCsv).withFormat(OutputFormat.CSV).withSkipDone(true))
                .summary().images()).isZero();
        assertThat(OutputFormat.CSV.read(spark, asCsv.toString()).count()).isEqualTo(8);
    }

    @Test
    void aWrongInputIsOneClearLine() throws Exception {
        Path out = dir.resolve("never");
        assertThatThrownBy(() -> BatchScoring.run(spark, options(dir.resolve("no-such-folder"), out)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-folder").hasMessageContaining("does not exist");
        Path noPaths = dir.resolve("no-paths.csv");
        Files.writeString(noPaths, "file,label\na.png,1\n");
        assertThatThrownBy(() -> BatchScoring.run(spark, options(noPaths, out)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a column 'path' (or a manifest's 'image') in " + noPaths + " but found file, label");
        assertThatThrownBy(() -> BatchJob.checkedMaster("spark:/nohost")).hasMessageContaining("'spark:/nohost'")
                .hasMessageContaining("local[N]");
        assertThat(BatchJob.checkedMaster("local[*]")).isEqualTo("local[*]");
        assertThat(BatchJob.checkedMaster("spark://127.0.0.1:7077")).isEqualTo("spark://127.0.0.1:7077");
        assertThat(Files.exists(out)).isFalse();
    }

    private static BatchOptions options(Path input, Path output) {
        return BatchOptions.of(TinyModel.get().toString(), input.toString(), output.toString()).withBatchSize(3);
    }

    private static Map<String, Double> probabilities(OutputFormat format, Path out) {
        return format.read(spark, out.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("path"), r -> r.<Double>getAs("probability")));
    }
}
