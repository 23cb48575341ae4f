package io.pxrcad.server;

/**
 * How {@link PredictionServer} listens, how much it accepts and how it batches.
 *
 * @param host           interface to listen on ({@code 127.0.0.1}: this machine only)
 * @param port           TCP port, 0 for a free one
 * @param workers        threads that decode and score uploads (1..64)
 * @param queue          uploads that may wait for a worker (0..10000); one more is refused with 503 at once
 * @param maxUploadBytes largest request body accepted; larger is refused with 413
 * @param keep           results kept for {@code GET /predictions/{id}}, the oldest evicted first
 * @param maxBatch       uploads a worker scores in one pass (1..64); 1 is no batching
 * @param maxWaitMillis  how long a worker holding fewer than {@code maxBatch} uploads waits for more (0..10000)
 * @param token          the bearer token every API request but health and readiness must carry, or null for none
 */
public record ServerConfig(String host, int port, int workers, int queue, long maxUploadBytes, int keep,
                           int maxBatch, int maxWaitMillis, String token) {
    public static final int MAX_WORKERS = 64;
    public static final int MAX_QUEUE = 10_000;
    public static final int MAX_BATCH = 64;
    public static final int MAX_WAIT_MILLIS = 10_000;

    public ServerConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + " but was " + workers);
        }
        if (queue < 0 || queue > MAX_QUEUE) throw new IllegalArgumentException("queue must be in 0.." + MAX_QUEUE + " but was " + queue);
        if (maxUploadBytes < 1) throw new IllegalArgumentException("maxUploadBytes must be > 0 but was " + maxUploadBytes);
        if (keep < 1) throw new IllegalArgumentException("keep must be > 0 but was " + keep);
        if (maxBatch < 1 || maxBatch > MAX_BATCH) {
            throw new IllegalArgumentException("maxBatch must be in 1.." + MAX_BATCH + " but was " + maxBatch);
        }
        if (maxWaitMillis < 0 || maxWaitMillis > MAX_WAIT_MILLIS) {
            throw new IllegalArgumentException("maxWaitMillis must be in 0.." + MAX_WAIT_MILLIS + " but was " + maxWaitMillis);
        }
        if (token != null && (token.isBlank() || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("the token must be printable ASCII without spaces");
        }
    }

    /** No batching, no token. */
    public ServerConfig(String host, int port, int workers, int queue, long maxUploadBytes, int keep) {
        this(host, port, workers, queue, maxUploadBytes, keep, 1, 0, null);
    }

    /** Localhost, port 8080, one worker per two cores, a queue of 16, 64 MiB uploads, 100 results kept, no batching, no token. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 16, 64L << 20, 100);
    }

    public ServerConfig withHost(String h) { return new ServerConfig(h, port, workers, queue, maxUploadBytes, keep, maxBatch, maxWaitMillis, token); }
    public ServerConfig withPort(int p) { return new ServerConfig(host, p, workers, queue, maxUploadBytes, keep, maxBatch, maxWaitMillis, token); }
    public ServerConfig withWorkers(int w) { return new ServerConfig(host, port, w, queue, maxUploadBytes, keep, maxBatch, maxWaitMillis, token); }
    public ServerConfig withQueue(int q) { return new ServerConfig(host, port, workers, q, maxUploadBytes, keep, maxBatch, maxWaitMillis, token); }
    public ServerConfig withMaxUploadBytes(long b) { return new ServerConfig(host, port, workers, queue, b, keep, maxBatch, maxWaitMillis, token); }
    public ServerConfig withKeep(int k) { return new ServerConfig(host, port, workers, queue, maxUploadBytes, k, maxBatch, maxWaitMillis, token); }

    /** Batches of up to {@code size} uploads, a worker waiting up to {@code waitMillis} to fill one. */
    public ServerConfig withBatching(int size, int waitMillis) {
        return new ServerConfig(host, port, workers, queue, maxUploadBytes, keep, size, waitMillis, token);
    }

    public ServerConfig withToken(String t) { return new ServerConfig(host, port, workers, queue, maxUploadBytes, keep, maxBatch, maxWaitMillis, t); }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", workers " + workers + ", queue " + queue + ", batch " + maxBatch
                + " within " + maxWaitMillis + " ms, upload limit " + maxUploadBytes + " bytes, keep " + keep
                + (token == null ? "" : ", token set") + "]";
    }
}
