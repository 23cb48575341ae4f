package io.pxrcad.cli;

import io.pxrcad.server.PredictionServer;
import io.pxrcad.server.ServerConfig;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.InferenceEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pxrcad serve}: the REST service ({@link PredictionServer}) on a model. Prints the API's
 * URL once the model is loaded and warmed up, then serves until the process is stopped (SIGTERM,
 * Ctrl-C): it then stops taking uploads, answers the accepted ones and exits.
 */
@Command(name = "serve", description = {"Serve a trained model over HTTP (REST API under /api/v1).",
        "Prints the URL when the model is ready; stops on SIGTERM after answering the uploads it took."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact folder (RUN/model).")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--workers", description = "Threads that score uploads, 1 to " + ServerConfig.MAX_WORKERS
            + " (default: half the cores).")
    Integer workers;

    @Option(names = "--queue", defaultValue = "16", description = "Uploads that may wait for a worker; more get 503 at once (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-upload-mb", defaultValue = "64", description = "Largest upload in MiB; larger get 413 (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;

    @Option(names = "--keep", defaultValue = "100", description = "Results kept for GET /predictions/{id}, oldest evicted (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--max-batch", defaultValue = "1", description = "Uploads a worker scores in one pass, 1 to "
            + ServerConfig.MAX_BATCH + " (default: ${DEFAULT-VALUE}, no batching).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "10", description = "How long a worker waits to fill a batch, in ms"
            + " (default: ${DEFAULT-VALUE}; only with --max-batch above 1).")
    int maxWaitMs;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding a token every API request must carry"
            + " as 'Authorization: Bearer <token>' (health, readiness and the OpenAPI document excepted).")
    Path tokenFile;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @Override
    public Integer call() throws Exception {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig config = new ServerConfig(host, Options.between("--port", port, 0, 65535),
                workers == null ? d.workers() : Options.between("--workers", workers, 1, ServerConfig.MAX_WORKERS),
                Options.between("--queue", queue, 0, ServerConfig.MAX_QUEUE),
                (long) Options.between("--max-upload-mb", maxUploadMb, 1, 2047) << 20,
                Options.between("--keep", keep, 1, 1_000_000),
                Options.between("--max-batch", maxBatch, 1, ServerConfig.MAX_BATCH),
                maxBatch == 1 ? 0 : Options.between("--max-wait-ms", maxWaitMs, 0, ServerConfig.MAX_WAIT_MILLIS),
                tokenFile == null ? null : token(tokenFile));
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        PredictionServer server;
        try {
            server = PredictionServer.start(config, () -> FractureDetector.load(model, device, engine));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + " (--host, --port)", e);
        }
        try {
            server.awaitReady(Duration.ofDays(3650));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        StopSignals.install(server::close);
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.url());
        out.flush();
        new CountDownLatch(1).await(); // serves until a signal stops it (gracefully: StopSignals)
        return 0;
    }

    /** The token in {@code file}: its first line, trimmed. */
    private static String token(Path file) {
        String token;
        try {
            token = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        } catch (CharacterCodingException e) {
            token = "\u0000"; // refused below, with the reason
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + " (--token-file): "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("the token file " + file + " (--token-file) must hold one token of printable"
                    + " ASCII characters without spaces on its first line");
        }
        return token;
    }
}
