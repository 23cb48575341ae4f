package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.fuzz.FuzzSeeds;
import io.pxrcad.fuzz.ImageHeaders;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.phantom.CohortWriter;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service end to end on a free local port, with a two-stage model trained in the test
 * ({@link TinyModel}): every endpoint, every error status, PNG and DICOM uploads whose results
 * equal {@link FractureDetector}'s for the same file, and the detection part of each answer
 * valid against {@code docs/detection.schema.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionServerTest {
    private static final long MAX_UPLOAD = 2L << 20;
    private static final int KEEP = 3;

    Path model;
    List<Path> pngs;
    Path dicom;
    FractureDetector reference;
    PredictionServer server;
    Http http;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        model = TinyModel.shared();
        pngs = TinyModel.phantoms(dir.resolve("png"), CohortWriter.Format.PNG, 3, 128);
        dicom = TinyModel.phantoms(dir.resolve("dcm"), CohortWriter.Format.DICOM, 1, 160).get(0);
        reference = FractureDetector.load(model, "cpu");
        server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 2, 8, MAX_UPLOAD, KEEP), model, "cpu");
        assertThat(server.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (reference != null) reference.close();
    }

    @Test
    void healthReadyAndModel() {
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/api/v1");
        HttpResponse<byte[]> health = http.get("/api/v1/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).get("status").asText()).isEqualTo("ok");

        HttpResponse<byte[]> ready = http.get("/api/v1/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Http.json(ready).get("model").get("id").asText()).isEqualTo("two-stage");

        HttpResponse<byte[]> m = http.get("/api/v1/model");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode card = Http.json(m);
        assertThat(card.get("id").asText()).isEqualTo("two-stage");
        assertThat(card.get("version").asText()).matches("[0-9a-f]{16}");
        assertThat(card.get("metadata").get("info").get("preprocessing").get("imageSize").asInt()).isEqualTo(128);
        assertThat(card.get("metadata").get("networks").has("stage1")).isTrue();
        assertThat(card.get("card").asText()).contains("not for clinical use");
    }

    @Test
    void aPngUploadGivesTheDetectorsResultAndItsPictures() throws IOException {
        Path png = pngs.get(0);
        HttpResponse<byte[]> r = http.post("/api/v1/predictions", Files.readAllBytes(png), "image/png");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(201);
        JsonNode j = Http.json(r);
        String id = j.get("id").asText();
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/predictions/" + id);
        assertThat(j.get("links").get("self").asText()).isEqualTo("/api/v1/predictions/" + id);
        assertThat(j.get("model").get("id").asText()).isEqualTo("two-stage");
        assertThat(j.get("model").get("version").asText()).isEqualTo(Http.json(http.get("/api/v1/model")).get("version").asText());
        for (String step : List.of("queueMs", "decodeMs", "inferenceMs", "renderMs")) {
            assertThat(j.get("timings").get(step).asDouble()).as(step).isGreaterThanOrEqualTo(0);
        }
        JsonNode detection = j.get("detection");
        assertThat(DetectionSchema.problems(detection.toString())).as(detection.toString()).isEmpty();
        Detection expected = reference.detect(ImageReaders.read(png));
        assertSame(detection, expected);

        HttpResponse<byte[]> again = http.get(j.get("links").get("self").asText());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.json(again)).isEqualTo(j);

        HttpResponse<byte[]> overlay = http.get(j.get("links").get("overlay").asText());
        assertThat(overlay.statusCode()).isEqualTo(200);
        assertThat(overlay.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage o = ImageIO.read(new ByteArrayInputStream(overlay.body()));
        assertThat(o.getWidth()).isEqualTo(512); // a 128-px phantom drawn at 512 px, as predict --heatmaps draws it

        HttpResponse<byte[]> heatmap = http.get(j.get("links").get("heatmap").asText());
        assertThat(heatmap.statusCode()).isEqualTo(200);
        BufferedImage h = ImageIO.read(new ByteArrayInputStream(heatmap.body()));
        assertThat(new int[] {h.getWidth(), h.getHeight()}).containsExactly(expected.map().width(), expected.map().height());
        for (int row = 0; row < h.getHeight(); row++) {
            for (int col = 0; col < h.getWidth(); col++) {
                double p = h.getRaster().getSample(col, row, 0) / (double) HeatmapPng.MAX;
                assertThat(p).isCloseTo(expected.map().get(row, col), Offset.offset(1e-4));
            }
        }

        // the radiograph for a browser: grey, at the phantom's own size (never enlarged)
        HttpResponse<byte[]> image = http.get(j.get("links").get("image").asText());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage g = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(new int[] {g.getWidth(), g.getHeight()}).containsExactly(128, 128);
        assertThat(g.getRaster().getNumBands()).isEqualTo(1);
    }

    @Test
    void aDicomUploadIsReadWithOrWithoutItsMediaType() throws IOException {
        byte[] bytes = Files.readAllBytes(dicom);
        Detection expected = reference.detect(ImageReaders.read(dicom));
        for (String type : Arrays.asList("application/dicom", "application/octet-stream", null)) {
            HttpResponse<byte[]> r = http.post("/api/v1/predictions", bytes, type);
            assertThat(r.statusCode()).as(type + ": " + body(r)).isEqualTo(201);
            JsonNode detection = Http.json(r).get("detection");
            assertThat(DetectionSchema.problems(detection.toString())).isEmpty();
            assertThat(detection.get("width").asInt()).isEqualTo(160);
            assertSame(detection, expected);
        }
    }

    @Test
    void clientErrorsAreJsonWithTheRightStatus() throws IOException {
        byte[] png = Files.readAllBytes(pngs.get(1));
        assertError(http.post("/api/v1/predictions", Arrays.copyOf(png, 120), "image/png"), 400, "invalid_image");
        assertError(http.post("/api/v1/predictions", new byte[0], "image/png"), 400, "invalid_image");
        assertError(http.post("/api/v1/predictions", new byte[(int) MAX_UPLOAD + 1], "image/png"), 413, "payload_too_large");
        HttpResponse<byte[]> bomb = http.post("/api/v1/predictions",
                ImageHeaders.withPngSize(FuzzSeeds.png().get(0), 40000, 40000), "image/png");
        assertError(bomb, 413, "payload_too_large");
        assertThat(message(bomb)).contains("declares 40000 x 40000 pixels");
        HttpResponse<byte[]> text = http.post("/api/v1/predictions", "hello, not an image".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        assertError(text, 415, "unsupported_media_type");
        assertThat(message(text)).contains("it looks like text");
        assertError(http.get("/api/v1/predictions/0123456789abcdef"), 404, "not_found");
        assertError(http.get("/api/v1/predictions/0123456789abcdef/overlay.png"), 404, "not_found");
        assertError(http.get("/api/v1/nothing-here"), 404, "not_found");
        assertError(http.method("DELETE", "/api/v1/predictions"), 405, "method_not_allowed");
        assertError(http.method("PUT", "/api/v1/health"), 405, "method_not_allowed");
    }

    /** The web viewer: its three files from the jar, nothing fetched from elsewhere; the API's errors stay JSON. */
    @Test
    void theViewerIsServedAtTheRoot() {
        HttpResponse<byte[]> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'",
                "script-src 'self'", "connect-src 'self'");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<script src=\"viewer.js\"", "href=\"viewer.css\"", "type=\"file\"",
                "aria-live", "Research software, not for diagnosis");
        for (String[] asset : new String[][] {{"/viewer.js", "text/javascript"}, {"/viewer.css", "text/css"}}) {
            HttpResponse<byte[]> r = http.get(asset[0]);
            assertThat(r.statusCode()).as(asset[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(asset[1]);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(asset[0]).doesNotContain("http://", "https://");
        }
        assertThat(html).doesNotContain("src=\"http", "href=\"http");
        assertError(http.get("/viewer.map"), 404, "not_found");
        assertError(http.method("POST", "/"), 405, "method_not_allowed");
    }

    @Test
    void theOldestResultIsEvicted() throws IOException {
        byte[] png = Files.readAllBytes(pngs.get(2));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= KEEP; i++) {
            HttpResponse<byte[]> r = http.post("/api/v1/predictions", png, "image/png");
            assertThat(r.statusCode()).isEqualTo(201);
            ids.add(Http.json(r).get("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertError(http.get("/api/v1/predictions/" + ids.get(0)), 404, "not_found");
        assertError(http.get("/api/v1/predictions/" + ids.get(0) + "/heatmap.png"), 404, "not_found");
        assertThat(http.get("/api/v1/predictions/" + ids.get(KEEP)).statusCode()).isEqualTo(200);
    }

    /** Every test DICOM file, valid, unsupported or broken, gets an answer, and none a 500. */
    @Test
    void malformedAndUnusualFilesNeverGet500() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("testdata/dicom/malformed", "testdata/dicom/syntax")) {
            try (Stream<Path> s = Files.list(RepoFiles.resolve(folder))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(30);
        int ok = 0;
        for (Path f : files) {
            HttpResponse<byte[]> r = http.post("/api/v1/predictions", Files.readAllBytes(f), "application/dicom");
            assertThat(r.statusCode()).as(f + ": " + body(r)).isIn(201, 400, 413, 415);
            if (r.statusCode() == 201) ok++;
            else assertError(r, r.statusCode(), Http.json(r).get("error").get("type").asText());
        }
        assertThat(ok).as("files scored").isGreaterThan(10);
    }

    private static void assertSame(JsonNode detection, Detection expected) {
        assertThat(detection.get("probability").asDouble()).isCloseTo(expected.probability(), Offset.offset(1e-6));
        assertThat(detection.get("stage1").asDouble()).isCloseTo(expected.stage1(), Offset.offset(1e-6));
        assertThat(detection.get("stage2").asDouble()).isCloseTo(expected.stage2(), Offset.offset(1e-6));
        assertThat(detection.get("band").asText()).isEqualTo(expected.band().label());
        assertThat(detection.get("roi").get("x0").asLong()).isEqualTo(Math.round(expected.roi().x0()));
        assertThat(detection.get("roi").get("y1").asLong()).isEqualTo(Math.round(expected.roi().y1()));
    }

    /** The one error form, with the status, a type and a one-line message without a stack trace or class name. */
    static void assertError(HttpResponse<byte[]> r, int status, String type) {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode e = Http.json(r).get("error");
        assertThat(e).as(body(r)).isNotNull();
        assertThat(e.get("code").asInt()).isEqualTo(status);
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.get("message").asText()).isNotBlank().doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("at io.").doesNotContain("java.");
    }

    static String message(HttpResponse<byte[]> r) { return Http.json(r).get("error").get("message").asText(); }

    static String body(HttpResponse<byte[]> r) { return new String(r.body(), StandardCharsets.UTF_8); }
}
