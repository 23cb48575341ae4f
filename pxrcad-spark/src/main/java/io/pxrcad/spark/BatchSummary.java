package io.pxrcad.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * What one run added to the output: images, errors by kind, images per band, out of scope, and
 * the rate. Counted from the written rows of this model version scored since the run started (the
 * executors' clocks are trusted to agree with the driver's within the run's length).
 *
 * @param errorsByKind failed rows per {@link io.pxrcad.infer.ErrorKind#label()}
 * @param bands        rows per band label; failed rows are counted in {@code errorsByKind} only
 * @param probabilitySum the sum of the scored rows' probabilities, a checksum for benchmarks
 */
public record BatchSummary(long images, Map<String, Long> errorsByKind, Map<String, Long> bands, long outOfScope,
                           double probabilitySum, Duration elapsed) {
    public BatchSummary {
        errorsByKind = Map.copyOf(errorsByKind);
        bands = Map.copyOf(bands);
    }

    /** Images without a detection. */
    public long errors() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public double imagesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? images / s : 0;
    }

    /** E.g. {@code 40 images in 0:25 (1.60 images/s); errors: 2 (invalid image 2); bands: fracture 7, none 5; out of scope: 0}. */
    public String line() {
        long s = Math.round(elapsed.toNanos() / 1e9);
        return String.format(Locale.ROOT, "%d images in %d:%02d (%.2f images/s); errors: %d%s; bands: %s; out of scope: %d",
                images, s / 60, s % 60, imagesPerSecond(), errors(), errors() == 0 ? "" : " (" + counts(errorsByKind) + ")",
                bands.isEmpty() ? "-" : counts(bands), outOfScope);
    }

    private static String counts(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    static BatchSummary of(Dataset<Row> output, ModelIdentity model, Instant start) {
        Map<String, Long> bands = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long images = 0, outOfScope = 0;
        double probabilities = 0;
        for (Row r : output
                .where(col(ScoredRows.MODEL_VERSION).equalTo(model.version())
                        .and(col(ScoredRows.SCORED_AT).geq(Timestamp.from(start))))
                .groupBy(col("band"), col(ScoredRows.ERROR_KIND), col("inScope"))
                .agg(count(lit(1)), sum(col("probability"))).collectAsList()) {
            long n = r.getLong(3);
            images += n;
            if (!r.isNullAt(1)) {
                errors.merge(r.getString(1), n, Long::sum);
                continue;
            }
            bands.merge(r.getString(0), n, Long::sum);
            probabilities += r.getDouble(4);
            if (!r.getBoolean(2)) outOfScope += n;
        }
        return new BatchSummary(images, errors, bands, outOfScope, probabilities, Duration.between(start, Instant.now()));
    }
}
