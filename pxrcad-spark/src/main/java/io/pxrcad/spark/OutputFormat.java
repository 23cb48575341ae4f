package io.pxrcad.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

/**
 * How the output table is stored. Parquet keeps {@link ScoredRows#SCHEMA} as it is; CSV has no
 * nested values, so the ROI becomes {@code roiX0..roiY1} and the scope reasons one
 * {@code ;}-joined string, and timestamps keep their microseconds (CSV's default drops them,
 * which would make a row look older than the run that wrote it).
 */
public enum OutputFormat {
    PARQUET, CSV;

    private static final String TIMESTAMPS = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

    /** {@code parquet} or {@code csv}, either case. */
    public static OutputFormat of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected --format parquet or csv but was '" + name + "'");
        }
    }

    /** Rows of {@link ScoredRows#SCHEMA} in this format's columns. */
    Dataset<Row> columns(Dataset<Row> scored) {
        if (this == PARQUET) return scored;
        List<Column> flat = new ArrayList<>();
        for (String name : scored.columns()) {
            switch (name) {
                case "roi" -> {
                    for (String c : new String[]{"x0", "y0", "x1", "y1"}) {
                        flat.add(col("roi." + c).as("roi" + Character.toUpperCase(c.charAt(0)) + c.substring(1)));
                    }
                }
                case "scopeReasons" -> flat.add(concat_ws(";", col(name)).as(name));
                default -> flat.add(col(name));
            }
        }
        return scored.select(flat.toArray(Column[]::new));
    }

    void write(DataFrameWriter<Row> writer, String output) {
        if (this == PARQUET) writer.parquet(output);
        else writer.option("header", "true").option("timestampFormat", TIMESTAMPS).csv(output);
    }

    /** The rows an output holds; none when it has no data file yet (e.g. only a killed job's leftovers). */
    Dataset<Row> read(SparkSession spark, String output) {
        StructType schema = columns(spark.createDataFrame(List.of(), ScoredRows.SCHEMA)).schema();
        if (this == PARQUET) return spark.read().schema(schema).parquet(output);
        return spark.read().schema(schema).option("header", "true").option("timestampFormat", TIMESTAMPS).csv(output);
    }
}
