package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.DetectionJson;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once: each upload gets its own image's result, the one {@code predict} gives,
 * with and without batching; batching is seen in the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerConcurrencyTest {
    private static final int CLIENTS = 20;

    Path model;
    List<byte[]> uploads = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<Detection> expected = new ArrayList<>();

    @BeforeAll
    void prepare(@TempDir Path dir) throws Exception {
        model = TinyModel.shared();
        List<Path> files = new ArrayList<>(TinyModel.phantoms(dir.resolve("png"), CohortWriter.Format.PNG, CLIENTS / 2, 128));
        files.addAll(TinyModel.phantoms(dir.resolve("dcm"), CohortWriter.Format.DICOM, CLIENTS / 2, 144));
        try (FractureDetector d = FractureDetector.load(model, "cpu")) {
            for (Path f : files) {
                uploads.add(Files.readAllBytes(f));
                types.add(f.toString().endsWith(".dcm") ? "application/dicom" : "image/png");
                expected.add(d.detect(ImageReaders.read(f)));
            }
        }
    }

    @Test
    void twentyClientsAtOnceEachGetTheirImagesResult() throws Exception {
        try (PredictionServer s = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 2, 32, 8L << 20, 100), model, "cpu")) {
            assertThat(s.awaitReady(Duration.ofSeconds(60))).isTrue();
            List<JsonNode> answers = postAll(new Http(s.port()));
            for (int i = 0; i < CLIENTS; i++) {
                JsonNode d = answers.get(i).get("detection");
                assertThat(d.get("probability").asDouble()).as("client %d", i).isCloseTo(expected.get(i).probability(), Offset.offset(1e-6));
                assertThat(d.get("stage1").asDouble()).as("client %d", i).isCloseTo(expected.get(i).stage1(), Offset.offset(1e-6));
                assertThat(d.get("band").asText()).isEqualTo(expected.get(i).band().label());
                assertThat(answers.get(i).get("timings").get("batchSize").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void batchedUploadsGetTheSameResultsAsSingleOnes() throws Exception {
        ServerConfig batching = new ServerConfig("127.0.0.1", 0, 1, 32, 8L << 20, 100).withBatching(4, 200);
        try (PredictionServer s = PredictionServer.start(batching, model, "cpu")) {
            assertThat(s.awaitReady(Duration.ofSeconds(60))).isTrue();
            Http http = new Http(s.port());
            List<JsonNode> answers = postAll(http);
            int largest = 0;
            for (int i = 0; i < CLIENTS; i++) {
                JsonNode d = answers.get(i).get("detection");
                // a batch runs other kernels than one image: the core's batch test allows the same 1e-5
                assertThat(d.get("probability").asDouble()).as("client %d", i).isCloseTo(expected.get(i).probability(), Offset.offset(1e-5));
                assertThat(d.get("roi").toString()).isEqualTo(DetectionJson.of("x", expected.get(i)).get("roi").toString());
                largest = Math.max(largest, answers.get(i).get("timings").get("batchSize").asInt());
            }
            assertThat(largest).as("twenty uploads at once on one worker are scored in batches").isBetween(2, 4);

            String metrics = new String(http.get("/api/v1/metrics").body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(count(metrics, "pxrcad_batch_size_sum")).isEqualTo(CLIENTS);
            assertThat(count(metrics, "pxrcad_batch_size_bucket\\{le=\"1.0\"\\}"))
                    .isLessThan(count(metrics, "pxrcad_batch_size_count"));
        }
    }

    private List<JsonNode> postAll(Http http) throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) pending.add(http.postAsync("/api/v1/predictions", uploads.get(i), types.get(i)));
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> p : pending) {
            HttpResponse<byte[]> r = p.get();
            assertThat(r.statusCode()).as(PredictionServerTest.body(r)).isEqualTo(201);
            answers.add(Http.json(r));
        }
        return answers;
    }

    private static double count(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(series + " in " + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
