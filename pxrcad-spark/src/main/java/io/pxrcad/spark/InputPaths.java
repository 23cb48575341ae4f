package io.pxrcad.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The files a job scores, as one column {@code path} of fully qualified paths (e.g.
 * {@code file:/archive/a.dcm}), from one of:
 * <ul>
 *   <li>a directory tree: every file whose name matches the glob, found by Spark's
 *       {@code binaryFile} source (recursive; only the paths, not the bytes);</li>
 *   <li>a CSV file ({@code .csv}) with a header: its {@code path} column, or a manifest's
 *       {@code image} column (see {@link io.pxrcad.data.Manifest});</li>
 *   <li>a Parquet table ({@code .parquet}, a file or a folder): its {@code path} column.</li>
 * </ul>
 * Relative paths in a table are resolved against the table's folder, as a manifest's are.
 */
final class InputPaths {
    static final String PATH = "path";
    private static final List<String> PATH_COLUMNS = List.of(PATH, "image");
    /** A path with a URI scheme ({@code hdfs:}, {@code s3a:}, {@code file:}); not a Windows drive letter. */
    private static final String HAS_SCHEME = "^[A-Za-z][A-Za-z0-9+.-]+:";

    private InputPaths() {}

    static Dataset<Row> of(SparkSession spark, String input, String glob) {
        Path in = new Path(input);
        FileSystem fs;
        Path qualified;
        try {
            fs = in.getFileSystem(spark.sparkContext().hadoopConfiguration());
            qualified = fs.makeQualified(in);
            if (!fs.exists(in)) throw new IllegalArgumentException("the input " + input + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input " + input + ": " + e.getMessage(), e);
        }
        String name = in.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return table(spark.read().option("header", "true").csv(input), input, fs, qualified.getParent());
        }
        if (name.endsWith(".parquet")) {
            return table(spark.read().parquet(input), input, fs, qualified.getParent());
        }
        return spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", glob)
                .load(input)
                .select(PATH);
    }

    private static Dataset<Row> table(Dataset<Row> table, String input, FileSystem fs, Path folder) {
        String column = PATH_COLUMNS.stream().filter(c -> Arrays.asList(table.columns()).contains(c)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected a column 'path' (or a manifest's 'image') in "
                        + input + " but found " + String.join(", ", table.columns())));
        Column p = col(column).cast("string");
        // "/x" on this file system gets its scheme; "x" is relative to the table's folder
        String root = fs.makeQualified(new Path("/")).toString().replaceFirst("/$", "");
        Column resolved = when(p.rlike(HAS_SCHEME), p)
                .when(p.startsWith("/"), concat(lit(root), p))
                .otherwise(concat(lit(folder.toString() + "/"), p));
        return table.where(p.isNotNull().and(p.notEqual(""))).select(resolved.as(PATH));
    }
}
