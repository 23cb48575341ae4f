package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import io.pxrcad.onnx.Engines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of the cluster jar for {@code spark-submit} (which sets the master):
 * {@code --model DIR --input PATH --output PATH [--partitions N] [--batch-size N] [--glob G]
 * [--device D] [--engine auto|djl|onnx] [--precision fp32|int8] [--format parquet|csv] [--skip-done] [--master URL]}. Prints the summary line;
 * exits 2 on a usage error, 1 when the job failed. The command line's {@code pxrcad batch} is the
 * same job with progress.
 */
public final class BatchMain {
    private BatchMain() {}

    public static void main(String[] args) {
        BatchOptions options;
        String master;
        try {
            Args a = new Args(args);
            options = new BatchOptions(a.required("--model"), a.required("--input"), a.required("--output"),
                    a.value("--glob", BatchOptions.IMAGE_GLOB), a.number("--partitions", 0), a.number("--batch-size", 8),
                    a.value("--device", "cpu"), a.value("--engine", Engines.AUTO),
                    a.value("--precision", "fp32"), a.flag("--skip-done"), OutputFormat.of(a.value("--format", "parquet")));
            master = a.value("--master", null);
            a.noneLeft();
        } catch (IllegalArgumentException e) {
            System.err.println("pxrcad batch: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.println(BatchJob.run(options, master, ProgressListener.NONE).summary().line());
        } catch (RuntimeException e) {
            System.err.println("pxrcad batch: " + (e.getMessage() == null ? e : e.getMessage()));
            System.exit(1);
        }
    }

    /** {@code --name value} pairs and flags, each at most once. */
    private static final class Args {
        private final List<String> rest;

        Args(String[] args) { rest = new ArrayList<>(Arrays.asList(args)); }

        String value(String name, String otherwise) {
            int i = rest.indexOf(name);
            if (i < 0) return otherwise;
            if (i + 1 >= rest.size()) throw new IllegalArgumentException(name + " needs a value");
            String v = rest.get(i + 1);
            rest.subList(i, i + 2).clear();
            return v;
        }

        String required(String name) {
            String v = value(name, null);
            if (v == null) throw new IllegalArgumentException("missing " + name);
            return v;
        }

        int number(String name, int otherwise) {
            String v = value(name, null);
            try {
                return v == null ? otherwise : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number for " + name + " but was '" + v + "'");
            }
        }

        boolean flag(String name) { return rest.remove(name); }

        void noneLeft() {
            if (!rest.isEmpty()) throw new IllegalArgumentException("unknown arguments " + String.join(" ", rest));
        }
    }
}
