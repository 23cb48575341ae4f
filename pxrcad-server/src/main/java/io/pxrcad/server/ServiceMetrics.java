package io.pxrcad.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The service's counters in Prometheus text format 0.0.4, written here rather than with a client
 * library for five metrics: requests by method, route and status; request latency as a histogram
 * with fixed buckets; the scoring queue's depth; the sizes of the batches scored; predictions by
 * band. Thread-safe.
 */
final class ServiceMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Upper bounds in seconds: from a cheap GET (ms) to a 961-px upload on a busy CPU (s). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    /** Upper bounds of the batch-size histogram. */
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};
    static final String[] BANDS = {"none", "suspicious", "fracture", "out-of-scope"};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> predictions = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(BUCKETS);
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private volatile IntSupplier queueDepth = () -> 0;

    ServiceMetrics() {
        for (String b : BANDS) predictions.put(b, new LongAdder());
    }

    /** Where the queue's depth is read from. */
    void queueDepth(IntSupplier depth) {
        this.queueDepth = depth;
    }

    /**
     * One answered request.
     *
     * @param route the matched route's pattern (e.g. {@code /api/v1/predictions/{id}}), never the
     *              raw path, so that ids do not make a series each
     */
    void request(String method, String route, int status, double seconds) {
        requests.computeIfAbsent(labels("method", method, "route", route, "status", Integer.toString(status)),
                k -> new LongAdder()).increment();
        latency.observe(seconds);
    }

    /** One batch scored by a worker. */
    void batch(int size) {
        batches.observe(size);
    }

    void prediction(String band) {
        predictions.computeIfAbsent(band, k -> new LongAdder()).increment();
    }

    /** The exposition text. */
    String text() {
        StringBuilder out = new StringBuilder(2048);
        header(out, "pxrcad_http_requests_total", "counter", "HTTP requests answered, by method, route and status.");
        new TreeMap<>(requests).forEach((labels, n) -> line(out, "pxrcad_http_requests_total", labels, n.sum()));

        latency.write(out, "pxrcad_http_request_duration_seconds", "Time from a request's arrival to its answer, in seconds.");
        batches.write(out, "pxrcad_batch_size", "Uploads scored together in one pass of the networks.");

        header(out, "pxrcad_queue_depth", "gauge", "Uploads waiting for a scoring worker.");
        out.append("pxrcad_queue_depth ").append(queueDepth.getAsInt()).append('\n');

        header(out, "pxrcad_predictions_total", "counter", "Scored uploads, by reading band.");
        new TreeMap<>(predictions).forEach((labels, n) ->
                line(out, "pxrcad_predictions_total", labels("band", labels), n.sum()));
        return out.toString();
    }

    /** Counts per bucket (not cumulative; the last above every bound) and the sum. */
    private static final class Histogram {
        private final double[] bounds;
        private final long[] counts;
        private double sum;

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new long[bounds.length + 1];
        }

        synchronized void observe(double value) {
            int i = 0;
            while (i < bounds.length && value > bounds[i]) i++;
            counts[i]++;
            sum += value;
        }

        void write(StringBuilder out, String name, String help) {
            long[] c;
            double total;
            synchronized (this) {
                c = counts.clone();
                total = sum;
            }
            header(out, name, "histogram", help);
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += c[i];
                line(out, name + "_bucket", labels("le", number(bounds[i])), cumulative);
            }
            cumulative += c[bounds.length];
            line(out, name + "_bucket", labels("le", "+Inf"), cumulative);
            out.append(name).append("_sum ").append(number(total)).append('\n');
            out.append(name).append("_count ").append(cumulative).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    /** {@code k1="v1",k2="v2"} with the format's escapes. */
    private static String labels(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) b.append(',');
            b.append(kv[i]).append("=\"")
                    .append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.toString(v); // Prometheus parses Java's forms, 1.0E-4 included
    }
}
