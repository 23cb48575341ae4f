package io.pxrcad.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * What one run added to the output: images, errors, images per band, out of scope, and the rate.
 * Counted from the written rows of this model version scored since the run started (the
 * executors' clocks are trusted to agree with the driver's within the run's length).
 *
 * @param bands rows per band label; failed rows are counted in {@code errors} only
 */
public record BatchSummary(long images, long errors, Map<String, Long> bands, long outOfScope, Duration elapsed) {
    public BatchSummary {
        bands = Map.copyOf(bands);
    }

    public double imagesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? images / s : 0;
    }

    static BatchSummary of(SparkSession spark, String output, ModelIdentity model, Instant start) {
        Map<String, Long> bands = new TreeMap<>();
        long images = 0, errors = 0, outOfScope = 0;
        for (Row r : spark.read().parquet(output)
                .where(col(ScoredRows.MODEL_VERSION).equalTo(model.version())
                        .and(col("scoredAt").geq(Timestamp.from(start))))
                .groupBy(col("band"), col(ScoredRows.ERROR).isNotNull(), col("inScope"))
                .count().collectAsList()) {
            long n = r.getLong(3);
            images += n;
            if (r.getBoolean(1)) {
                errors += n;
                continue;
            }
            bands.merge(r.getString(0), n, Long::sum);
            if (!r.getBoolean(2)) outOfScope += n;
        }
        return new BatchSummary(images, errors, bands, outOfScope, Duration.between(start, Instant.now()));
    }
}
