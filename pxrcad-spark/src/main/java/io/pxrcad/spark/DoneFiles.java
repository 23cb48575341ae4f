package io.pxrcad.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * The files an output already holds for one model version, as {@link PartitionScorer#doneKey}
 * keys. A row with an error counts as done when the file could be read (it has a hash): the same
 * bytes would fail the same way. Only files that could not be read are tried again.
 */
final class DoneFiles {
    private DoneFiles() {}

    static Set<String> of(SparkSession spark, String output, ModelIdentity model) {
        Path out = new Path(output);
        try {
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(out)) return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output + ": " + e.getMessage(), e);
        }
        Set<String> keys = new HashSet<>();
        for (Row r : spark.read().parquet(output)
                .where(col(ScoredRows.MODEL_VERSION).equalTo(model.version()).and(col(ScoredRows.SHA256).isNotNull()))
                .select(ScoredRows.PATH, ScoredRows.SHA256).collectAsList()) {
            keys.add(PartitionScorer.doneKey(r.getString(0), r.getString(1)));
        }
        return keys;
    }
}
