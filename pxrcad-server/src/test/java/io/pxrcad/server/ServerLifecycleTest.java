package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.phantom.CohortWriter;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.pxrcad.server.PredictionServerTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service before its model is ready, when its model cannot load, when more uploads arrive
 * than it has room for, and while it stops: 503 with {@code Retry-After} at once where it cannot
 * take an upload, and every upload it took answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerLifecycleTest {
    Path model;
    byte[] large;
    double expected;

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        model = TinyModel.shared();
        // a 1024-px radiograph: scoring and drawing it take long enough for ten uploads to meet a busy worker
        Path png = TinyModel.phantoms(dir.resolve("large"), CohortWriter.Format.PNG, 1, 1024).get(0);
        large = Files.readAllBytes(png);
        try (FractureDetector d = FractureDetector.load(model, "cpu")) {
            expected = d.detect(ImageReaders.read(png)).probability();
        }
    }

    private static ServerConfig oneWorker() {
        return new ServerConfig("127.0.0.1", 0, 1, 2, 8L << 20, 20);
    }

    @Test
    void notReadyUntilTheModelIsLoadedThenOverloadIsRefusedAtOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (PredictionServer s = PredictionServer.start(oneWorker(), () -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return FractureDetector.load(model, "cpu");
        })) {
            Http http = new Http(s.port());
            assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> ready = http.get("/api/v1/ready");
            assertError(ready, 503, "not_ready");
            assertThat(ready.headers().firstValue("Retry-After")).isPresent();
            assertError(http.post("/api/v1/predictions", large, "image/png"), 503, "not_ready");
            assertError(http.get("/api/v1/model"), 503, "not_ready");
            assertThat(s.ready()).isFalse();

            go.countDown();
            assertThat(s.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(http.get("/api/v1/ready").statusCode()).isEqualTo(200);

            OpenApiContract contract = new OpenApiContract(http.get("/api/v1/openapi.json").body());
            // one worker, a queue of 2, ten uploads at once
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            List<long[]> times = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long[] t = {System.nanoTime(), 0};
                times.add(t);
                answers.add(http.postAsync("/api/v1/predictions", large, "image/png").whenComplete((r, e) -> t[1] = System.nanoTime()));
            }
            int created = 0, refused = 0;
            long slowestRefusalMs = 0;
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<byte[]> r = answers.get(i).get();
                if (r.statusCode() == 201) {
                    created++;
                    JsonNode d = Http.json(r).get("detection");
                    assertThat(d.get("probability").asDouble()).isCloseTo(expected, Offset.offset(1e-6));
                } else {
                    refused++;
                    assertError(r, 503, "overloaded");
                    assertThat(contract.problems("post", "/api/v1/predictions", r)).isEmpty();
                    assertThat(r.headers().firstValue("Retry-After")).contains("1");
                    slowestRefusalMs = Math.max(slowestRefusalMs, (times.get(i)[1] - times.get(i)[0]) / 1_000_000);
                }
            }
            System.err.printf("overload: %d created, %d refused, slowest refusal %d ms%n", created, refused, slowestRefusalMs);
            assertThat(created).isGreaterThanOrEqualTo(3); // the worker's and the queue's
            assertThat(refused).isPositive();
            // "at once", not "after a worker is free" (seconds here): the 100-ms figure the issue asks
            // for is measured by `pxrcad bench serve --overload`, not by a timed test on a shared machine
            assertThat(slowestRefusalMs).isLessThan(1000);
        }
    }

    @Test
    void aModelThatCannotLoadIsReportedAndNeverReady() throws Exception {
        try (PredictionServer s = PredictionServer.start(oneWorker(), () -> {
            throw new ModelArtifactException("expected networks stage1 and stage2 in /x but found []");
        })) {
            assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(30))).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("expected networks");
            Http http = new Http(s.port());
            assertError(http.get("/api/v1/ready"), 503, "model_unavailable");
            assertError(http.post("/api/v1/predictions", large, "image/png"), 503, "model_unavailable");
        }
    }

    @Test
    void closingAnswersTheUploadsItTook() throws Exception {
        PredictionServer s = PredictionServer.start(oneWorker(), model, "cpu");
        assertThat(s.awaitReady(Duration.ofSeconds(60))).isTrue();
        Http http = new Http(s.port());
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) answers.add(http.postAsync("/api/v1/predictions", large, "image/png"));
        Thread.sleep(300); // both taken: one scoring, one queued
        s.close();
        for (CompletableFuture<HttpResponse<byte[]>> a : answers) {
            HttpResponse<byte[]> r = a.get();
            assertThat(r.statusCode()).as(PredictionServerTest.body(r)).isEqualTo(201);
            assertThat(Http.json(r).get("detection").get("probability").asDouble()).isCloseTo(expected, Offset.offset(1e-6));
        }
    }
}
