package io.pxrcad.spark;

import io.pxrcad.onnx.Engines;
import io.pxrcad.onnx.Precision;

/**
 * What a batch job scores and where it writes.
 *
 * @param model      the model artifact folder; a local path that every executor can read
 * @param input      a directory tree, a CSV file ({@code .csv}: a {@code path} column or a manifest's
 *                   {@code image} column) or a Parquet table ({@code .parquet}) with a {@code path}
 *                   column, on a local path or any Hadoop file system ({@link InputPaths})
 * @param output     the output directory
 * @param glob       file-name filter ({@code pathGlobFilter}, Hadoop glob syntax); {@code *} for
 *                   archives whose DICOM files have no extension
 * @param partitions input partitions; 0 leaves it to Spark (one per block of listed files)
 * @param batchSize  images per forward pass inside a partition
 * @param device     device on the executors ({@code cpu}, {@code auto}, {@code gpuN})
 * @param engine     inference engine on the executors ({@code auto}, {@code djl}, {@code onnx}: see
 *                   {@code io.pxrcad.onnx.Engines}); checked with the device before the job starts
 * @param precision  {@code fp32}, or {@code int8} with the onnx engine ({@link Precision})
 * @param skipDone   score only files whose (path, content hash, model version) is not yet in the
 *                   output, and append to it; otherwise the output must not exist yet
 * @param format     how the output is stored
 */
public record BatchOptions(String model, String input, String output, String glob, int partitions, int batchSize,
                           String device, String engine, String precision, boolean skipDone,
                           OutputFormat format) {
    /** Common image and DICOM extensions, either case. */
    public static final String IMAGE_GLOB = "*.{png,PNG,jpg,JPG,jpeg,JPEG,tif,TIF,tiff,TIFF,dcm,DCM,dicom,DICOM}";

    public BatchOptions {
        java.util.Objects.requireNonNull(format, "format");
        if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0 but was " + partitions);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1 but was " + batchSize);
        Engines.named(engine, device, Precision.parse(precision));
    }

    public static BatchOptions of(String model, String input, String output) {
        return new BatchOptions(model, input, output, IMAGE_GLOB, 0, 8, "cpu", Engines.AUTO, Precision.FP32.id(), false,
                OutputFormat.PARQUET);
    }

    public BatchOptions withPartitions(int p) { return new BatchOptions(model, input, output, glob, p, batchSize, device, engine, precision, skipDone, format); }

    public BatchOptions withBatchSize(int b) { return new BatchOptions(model, input, output, glob, partitions, b, device, engine, precision, skipDone, format); }

    public BatchOptions withGlob(String g) { return new BatchOptions(model, input, output, g, partitions, batchSize, device, engine, precision, skipDone, format); }

    public BatchOptions withDevice(String d) { return new BatchOptions(model, input, output, glob, partitions, batchSize, d, engine, precision, skipDone, format); }

    public BatchOptions withFormat(OutputFormat f) { return new BatchOptions(model, input, output, glob, partitions, batchSize, device, engine, precision, skipDone, f); }

    public BatchOptions withEngine(String e) { return new BatchOptions(model, input, output, glob, partitions, batchSize, device, e, precision, skipDone, format); }

    public BatchOptions withPrecision(String p) { return new BatchOptions(model, input, output, glob, partitions, batchSize, device, engine, p, skipDone, format); }

    public BatchOptions withSkipDone(boolean s) { return new BatchOptions(model, input, output, glob, partitions, batchSize, device, engine, precision, s, format); }
}
