package io.pxrcad.server;

/**
 * How {@link PredictionServer} listens and how much it accepts.
 *
 * @param host           interface to listen on ({@code 127.0.0.1}: this machine only)
 * @param port           TCP port, 0 for a free one
 * @param workers        threads that decode and score uploads (1..64)
 * @param queue          uploads that may wait for a worker (0..10000); one more is refused with 503 at once
 * @param maxUploadBytes largest request body accepted; larger is refused with 413
 * @param keep           results kept for {@code GET /predictions/{id}}, the oldest evicted first
 */
public record ServerConfig(String host, int port, int workers, int queue, long maxUploadBytes, int keep) {
    public static final int MAX_WORKERS = 64;
    public static final int MAX_QUEUE = 10_000;

    public ServerConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + " but was " + workers);
        }
        if (queue < 0 || queue > MAX_QUEUE) throw new IllegalArgumentException("queue must be in 0.." + MAX_QUEUE + " but was " + queue);
        if (maxUploadBytes < 1) throw new IllegalArgumentException("maxUploadBytes must be > 0 but was " + maxUploadBytes);
        if (keep < 1) throw new IllegalArgumentException("keep must be > 0 but was " + keep);
    }

    /** Localhost, port 8080, one worker per two cores, a queue of 16, 64 MiB uploads, 100 results kept. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 16, 64L << 20, 100);
    }

    public ServerConfig withHost(String h) { return new ServerConfig(h, port, workers, queue, maxUploadBytes, keep); }
    public ServerConfig withPort(int p) { return new ServerConfig(host, p, workers, queue, maxUploadBytes, keep); }
    public ServerConfig withWorkers(int w) { return new ServerConfig(host, port, w, queue, maxUploadBytes, keep); }
    public ServerConfig withQueue(int q) { return new ServerConfig(host, port, workers, q, maxUploadBytes, keep); }
    public ServerConfig withMaxUploadBytes(long b) { return new ServerConfig(host, port, workers, queue, b, keep); }
    public ServerConfig withKeep(int k) { return new ServerConfig(host, port, workers, queue, maxUploadBytes, k); }
}
