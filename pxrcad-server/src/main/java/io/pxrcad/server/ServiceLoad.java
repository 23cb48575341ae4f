package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Drives a running service the way clinics do, for {@code pxrcad bench serve}: closed-loop clients,
 * each sending its next upload when the previous is answered, and a burst of simultaneous uploads
 * against a full queue. Latencies are measured at the client, from sending to the whole answer.
 */
public final class ServiceLoad {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI predictions;

    /** @param apiUrl the service's {@code http://host:port/api/v1} */
    public ServiceLoad(String apiUrl) {
        this.predictions = URI.create(apiUrl + "/predictions");
    }

    /** An image to upload and its media type. */
    public record Image(byte[] bytes, String mediaType) {}

    /**
     * What a run measured.
     *
     * @param createdMs      latencies of the uploads answered 201, sorted
     * @param refusedMs      latencies of those answered 503, sorted
     * @param failed         uploads answered otherwise, or not at all
     * @param probabilitySum the sum of the probabilities answered (the same images give the same
     *                       sum whatever the concurrency)
     */
    public record Result(double[] createdMs, double[] refusedMs, int failed, double seconds, double probabilitySum) {
        /** The {@code q}-quantile (nearest rank) of sorted {@code values}, NaN for none. */
        public static double percentile(double[] values, double q) {
            if (values.length == 0) return Double.NaN;
            int i = (int) Math.ceil(q * values.length) - 1;
            return values[Math.max(0, Math.min(values.length - 1, i))];
        }

        /** Uploads answered 201 per second of the run. */
        public double perSecond() { return createdMs.length / seconds; }
    }

    /**
     * {@code clients} clients send {@code requests} uploads in all, image {@code i} being
     * {@code images.get(i % images.size())}.
     */
    public Result closedLoop(List<Image> images, int clients, int requests) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        double[] latency = new double[requests];
        int[] status = new int[requests];
        double[] probability = new double[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        long s = System.nanoTime();
                        HttpResponse<byte[]> r = post(images.get(i % images.size()));
                        latency[i] = (System.nanoTime() - s) / 1e6;
                        status[i] = r == null ? -1 : r.statusCode();
                        probability[i] = status[i] == 201 ? probability(r) : 0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a client failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return result(latency, status, probability, (System.nanoTime() - t0) / 1e9);
    }

    /** {@code count} uploads of {@code image} sent at once; the latencies of all, answered or refused. */
    public Result burst(Image image, int count) throws InterruptedException {
        double[] latency = new double[count];
        int[] status = new int[count];
        double[] probability = new double[count];
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long s = System.nanoTime();
            int k = i;
            answers.add(client.sendAsync(request(image), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((r, e) -> latency[k] = (System.nanoTime() - s) / 1e6));
        }
        for (int i = 0; i < count; i++) {
            try {
                HttpResponse<byte[]> r = answers.get(i).get();
                status[i] = r.statusCode();
                probability[i] = status[i] == 201 ? probability(r) : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                status[i] = -1;
            }
        }
        return result(latency, status, probability, (System.nanoTime() - t0) / 1e9);
    }

    private static Result result(double[] latency, int[] status, double[] probability, double seconds) {
        int failed = (int) Arrays.stream(status).filter(s -> s != 201 && s != 503).count();
        return new Result(withStatus(latency, status, 201), withStatus(latency, status, 503), failed, seconds,
                Arrays.stream(probability).sum());
    }

    private static double[] withStatus(double[] latency, int[] status, int wanted) {
        return IntStream.range(0, status.length).filter(i -> status[i] == wanted).mapToDouble(i -> latency[i]).sorted().toArray();
    }

    private HttpResponse<byte[]> post(Image image) {
        try {
            return client.send(request(image), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpRequest request(Image image) {
        return HttpRequest.newBuilder(predictions).timeout(Duration.ofMinutes(5)).header("Content-Type", image.mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(image.bytes())).build();
    }

    private static double probability(HttpResponse<byte[]> r) {
        try {
            JsonNode d = Json.MAPPER.readTree(r.body()).get("detection");
            return d.get("probability").asDouble();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
