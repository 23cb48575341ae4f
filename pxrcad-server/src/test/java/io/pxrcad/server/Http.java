package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small client for the tests, over {@link HttpClient}: requests to one server's port. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;

    Http(int port) { this.port = port; }

    HttpResponse<byte[]> get(String path) { return send(request(path).GET().build()); }

    HttpResponse<byte[]> post(String path, byte[] body, String contentType) {
        return send(postRequest(path, body, contentType));
    }

    CompletableFuture<HttpResponse<byte[]>> postAsync(String path, byte[] body, String contentType) {
        return CLIENT.sendAsync(postRequest(path, body, contentType), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest postRequest(String path, byte[] body, String contentType) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return b.build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
