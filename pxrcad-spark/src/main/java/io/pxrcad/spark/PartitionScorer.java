package io.pxrcad.spark;

import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.infer.ErrorKind;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.ImageInput;
import io.pxrcad.infer.ImageOutcome;
import io.pxrcad.infer.IsolatedScoring;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Scores one partition of file paths, {@code batchSize} images at a time, with this JVM's
 * detector ({@link DetectorHolder}). Reads each file itself rather than taking Spark's
 * {@code content} column, so that a file that cannot be read (gone, no permission, too large)
 * becomes a row with its error instead of a failed task, and a partition holds only one batch
 * of images in memory at a time.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    /** Larger files are not images we can score; reading them whole would only risk the executor. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private final String modelDir;
    private final String device;
    private final String engine;
    private final String precision;
    private final int batchSize;
    private final int torchThreads;
    private final ModelIdentity model;
    private final HadoopSettings hadoop;
    private final Broadcast<Set<String>> done;
    private final LongAccumulator handled;

    /**
     * @param done    keys ({@link #doneKey}) of files already scored by this model version, or null
     * @param handled counts the files this scorer has dealt with (scored, failed or skipped), for
     *                the driver's progress; Spark reports it from running tasks with each heartbeat
     */
    PartitionScorer(String modelDir, String device, String engine, String precision, int batchSize, int torchThreads, ModelIdentity model,
                    HadoopSettings hadoop, Broadcast<Set<String>> done, LongAccumulator handled) {
        this.modelDir = modelDir;
        this.device = device;
        this.engine = engine;
        this.precision = precision;
        this.batchSize = batchSize;
        this.torchThreads = torchThreads;
        this.model = model;
        this.hadoop = hadoop;
        this.done = done;
        this.handled = handled;
    }

    static String doneKey(String path, String sha256) { return path + "\n" + sha256; }

    @Override
    public Iterator<Row> call(Iterator<Row> paths) {
        Configuration conf = hadoop.configuration();
        Set<String> skip = done == null ? Set.of() : done.value();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && paths.hasNext()) ready.addAll(nextBatch(paths, conf, skip));
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.poll();
            }
        };
    }

    private List<Row> nextBatch(Iterator<Row> paths, Configuration conf, Set<String> skip) {
        List<Row> rows = new ArrayList<>();
        List<ImageInput> inputs = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        int files = 0;
        while (inputs.size() < batchSize && paths.hasNext()) {
            String path = paths.next().getString(0);
            files++;
            byte[] bytes;
            try {
                bytes = read(path, conf);
            } catch (IOException | RuntimeException e) {
                rows.add(ScoredRows.failed(path, null, "cannot read " + path + ": " + message(e), ErrorKind.UNREADABLE, model,
                        Instant.now()));
                continue;
            }
            String sha256 = ModelArtifact.sha256(bytes);
            if (skip.contains(doneKey(path, sha256))) continue;
            inputs.add(ImageInput.of(path, bytes, null));
            hashes.add(sha256);
        }
        if (!inputs.isEmpty()) {
            FractureDetector detector = DetectorHolder.get(modelDir, model, device, engine, precision, torchThreads);
            List<ImageOutcome> outcomes = IsolatedScoring.score(detector, inputs);
            Instant now = Instant.now();
            for (int i = 0; i < outcomes.size(); i++) {
                rows.add(ScoredRows.of(inputs.get(i).name(), hashes.get(i), outcomes.get(i), model, now));
            }
        }
        handled.add(files);
        return rows;
    }

    private static byte[] read(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        var fs = p.getFileSystem(conf);
        long length = fs.getFileStatus(p).getLen();
        if (length > MAX_FILE_BYTES) {
            throw new IOException("the file has " + length + " bytes, more than the " + MAX_FILE_BYTES + " an image may have");
        }
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
