package io.pxrcad.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

    /** @param output the output's rows ({@link OutputFormat#read}) */
    static Set<String> of(Dataset<Row> output, ModelIdentity model) {
        Set<String> keys = new HashSet<>();
        for (Row r : output
                .where(col(ScoredRows.MODEL_VERSION).equalTo(model.version()).and(col(ScoredRows.SHA256).isNotNull()))
                .select(ScoredRows.PATH, ScoredRows.SHA256).collectAsList()) {
            keys.add(PartitionScorer.doneKey(r.getString(0), r.getString(1)));
        }
        return keys;
    }
}
