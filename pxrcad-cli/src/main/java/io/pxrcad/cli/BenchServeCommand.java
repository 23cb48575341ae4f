package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.server.PredictionServer;
import io.pxrcad.server.ServerConfig;
import io.pxrcad.server.ServiceLoad;
import io.pxrcad.train.Preset;
import io.pxrcad.train.UntrainedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad bench serve}: the service under load, in this JVM, from clients in this JVM over
 * loopback HTTP: latency p50/p95/p99 and throughput for several numbers of concurrent clients,
 * without and with batching, and the time a refused upload waits for its 503 when the queue is
 * full. Each row's checksum is the sum of the probabilities answered, so that batching or
 * concurrency that changed a result would show.
 */
@Command(name = "serve", description = "Service latency (p50/p95/p99) and throughput for concurrent clients, with and without batching.")
final class BenchServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Two-stage model folder; default: an untrained model of --preset at --image-size.")
    Path model;

    @Option(names = "--preset", defaultValue = "small", description = "Networks of the untrained model: tiny, small or paper (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--image-size", defaultValue = "256", description = "Input size of the untrained model, and side of the phantoms uploaded (default ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--clients", split = ",", defaultValue = "1,4,16", description = "Concurrent clients, one row each (default ${DEFAULT-VALUE}).")
    int[] clients;

    @Option(names = "--requests", defaultValue = "48", description = "Uploads per row (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-batch", split = ",", defaultValue = "1,4", description = "Service batch sizes to compare (default ${DEFAULT-VALUE}; 1 = no batching).")
    int[] maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "20", description = "Batching wait (default ${DEFAULT-VALUE}).")
    int maxWaitMs;

    @Option(names = "--workers", defaultValue = "1", description = "Service workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--overload-rounds", defaultValue = "5", description = "Bursts of 10 uploads against 1 worker and a queue of 2 (default ${DEFAULT-VALUE}; 0 to skip).")
    int overloadRounds;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() throws Exception {
        Preset p = Preset.parse(preset);
        Options.between("--image-size", imageSize, io.pxrcad.train.TrainConfig.MIN_IMAGE_SIZE, io.pxrcad.train.TrainConfig.MAX_IMAGE_SIZE);
        Options.between("--requests", requests, 1, 100_000);
        Options.between("--workers", workers, 1, ServerConfig.MAX_WORKERS);
        Options.between("--max-wait-ms", maxWaitMs, 0, ServerConfig.MAX_WAIT_MILLIS);
        Options.between("--overload-rounds", overloadRounds, 0, 100);
        for (int c : clients) Options.between("--clients", c, 1, 256);
        for (int b : maxBatch) Options.between("--max-batch", b, 1, ServerConfig.MAX_BATCH);
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("pxrcad-bench-serve");
        try {
            Path dir = model != null ? model : UntrainedModel.save(work.resolve("model"), p, imageSize, 1).dir();
            List<ManifestEntry> entries = CohortWriter.write(PhantomConfig.defaults().withSize(imageSize).withSeed(5), work.resolve("images"),
                    16, 2, ProgressListener.NONE);
            List<ServiceLoad.Image> images = new ArrayList<>();
            for (ManifestEntry e : entries) images.add(new ServiceLoad.Image(Files.readAllBytes(work.resolve("images").resolve(e.image())), "image/png"));

            out.println(BenchEnvironment.line(engine.describe(device)));
            out.printf(Locale.ROOT, "method: %s; %d-px PNG phantoms uploaded over loopback HTTP by closed-loop clients in this JVM"
                    + " (each sends its next upload when answered); %d uploads per row after %d warm-up; %d worker(s); latency from"
                    + " sending to the whole answer (decode, both stages, the display image, JSON; the PNGs are drawn when first fetched, which these clients do not)%n",
                    model != null ? "model " + model : "untrained " + p.id() + " model at " + imageSize + " px", imageSize, requests,
                    Math.min(requests, 8), workers);
            out.printf(Locale.ROOT, "%-6s %-8s %9s %9s %9s %9s  %-14s %s%n", "batch", "clients", "p50 ms", "p95 ms", "p99 ms",
                    "images/s", "checksum", "errors");
            out.flush();
            for (int b : maxBatch) {
                ServerConfig config = new ServerConfig("127.0.0.1", 0, workers, 512, 256L << 20, 16)
                        .withBatching(b, b == 1 ? 0 : maxWaitMs);
                try (PredictionServer server = PredictionServer.start(config, () -> FractureDetector.load(dir, device, engine))) {
                    server.awaitReady(Duration.ofMinutes(10));
                    ServiceLoad load = new ServiceLoad(server.url());
                    load.closedLoop(images, Math.min(4, clients[clients.length - 1]), Math.min(requests, 8));
                    for (int c : clients) {
                        ServiceLoad.Result r = load.closedLoop(images, c, requests);
                        out.printf(Locale.ROOT, "%-6d %-8d %9.1f %9.1f %9.1f %9.2f  %-14.6f %d%n", b, c,
                                ServiceLoad.Result.percentile(r.createdMs(), 0.50), ServiceLoad.Result.percentile(r.createdMs(), 0.95),
                                ServiceLoad.Result.percentile(r.createdMs(), 0.99), r.perSecond(), r.probabilitySum(),
                                r.refusedMs().length + r.failed());
                        out.flush();
                    }
                }
            }
            if (overloadRounds > 0) overload(out, dir, device, engine, images.get(0));
            out.printf(Locale.ROOT, "peak RSS %.0f MiB (this JVM: service and clients)%n", ProcessMemory.peakRssMb());
        } finally {
            OutputFolder.deleteTree(work);
        }
        return 0;
    }

    /** Bursts of 10 simultaneous uploads against one worker and a queue of 2: how long the refused wait for their 503. */
    private void overload(PrintWriter out, Path dir, String device, InferenceEngine engine, ServiceLoad.Image image)
            throws Exception {
        List<Double> refused = new ArrayList<>();
        int created = 0, failed = 0;
        try (PredictionServer server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 2, 256L << 20, 16),
                () -> FractureDetector.load(dir, device, engine))) {
            server.awaitReady(Duration.ofMinutes(10));
            ServiceLoad load = new ServiceLoad(server.url());
            for (int round = 0; round < overloadRounds; round++) {
                ServiceLoad.Result r = load.burst(image, 10);
                for (double ms : r.refusedMs()) refused.add(ms);
                created += r.createdMs().length;
                failed += r.failed();
            }
        }
        double[] ms = refused.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(Locale.ROOT, "overload (1 worker, queue 2, %d bursts of 10): %d answered, %d refused with 503, %d other;"
                        + " time to the 503: median %.1f ms, p95 %.1f ms, max %.1f ms%n", overloadRounds, created, ms.length, failed,
                Median.of(ms), ServiceLoad.Result.percentile(ms, 0.95), ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
    }
}
