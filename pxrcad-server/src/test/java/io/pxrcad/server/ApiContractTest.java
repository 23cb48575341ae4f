package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.phantom.CohortWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service against its own OpenAPI document ({@code GET /api/v1/openapi.json}): real answers
 * of every JSON operation and error status validated against the schema the document declares
 * for them; and {@code GET /api/v1/metrics} read back after known requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {
    private static final long MAX_UPLOAD = 1L << 20;

    byte[] png;
    PredictionServer server;
    Http http;
    OpenApiContract contract;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path model = TinyModel.shared();
        png = Files.readAllBytes(TinyModel.phantoms(dir, CohortWriter.Format.PNG, 1, 128).get(0));
        server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 4, MAX_UPLOAD, 5), model, "cpu");
        assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
        http = new Http(server.port());
        HttpResponse<byte[]> r = http.get("/api/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        contract = new OpenApiContract(r.body());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void theDocumentIsOpenApi31AndEmbedsTheDetectionSchema() throws IOException {
        JsonNode doc = contract.document();
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(contract.operations()).containsExactlyInAnyOrder("POST /api/v1/predictions",
                "GET /api/v1/predictions/{id}", "GET /api/v1/predictions/{id}/overlay.png",
                "GET /api/v1/predictions/{id}/heatmap.png", "GET /api/v1/predictions/{id}/image.png",
                "GET /api/v1/model", "GET /api/v1/health",
                "GET /api/v1/ready", "GET /api/v1/metrics", "GET /api/v1/openapi.json");
        JsonNode detection = Http.JSON.readTree(Files.readString(RepoFiles.resolve("docs/detection.schema.json")));
        assertThat(doc.path("components").path("schemas").path("DetectionResult")).isEqualTo(detection);
    }

    @Test
    void realAnswersMatchTheDeclaredSchemas() {
        HttpResponse<byte[]> created = http.post("/api/v1/predictions", png, "image/png");
        assertThat(created.statusCode()).isEqualTo(201);
        assertValid("POST", "/api/v1/predictions", created);
        String self = Http.json(created).path("links").path("self").asText();
        assertValid("GET", self, http.get(self));
        assertValid("GET", self + "/overlay.png", http.get(self + "/overlay.png"));
        assertValid("GET", self + "/heatmap.png", http.get(self + "/heatmap.png"));
        assertValid("GET", self + "/image.png", http.get(self + "/image.png"));
        HttpResponse<byte[]> noImage = http.get("/api/v1/predictions/0123456789abcdef/image.png");
        assertThat(noImage.statusCode()).isEqualTo(404);
        assertValid("GET", "/api/v1/predictions/0123456789abcdef/image.png", noImage);
        for (String p : List.of("/api/v1/model", "/api/v1/health", "/api/v1/ready", "/api/v1/metrics")) {
            HttpResponse<byte[]> r = http.get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            assertValid("GET", p, r);
        }

        HttpResponse<byte[]> broken = http.post("/api/v1/predictions", Arrays.copyOf(png, 100), "image/png");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertValid("POST", "/api/v1/predictions", broken);
        HttpResponse<byte[]> text = http.post("/api/v1/predictions", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertValid("POST", "/api/v1/predictions", text);
        HttpResponse<byte[]> large = http.post("/api/v1/predictions", new byte[(int) MAX_UPLOAD + 1], "image/png");
        assertThat(large.statusCode()).isEqualTo(413);
        assertValid("POST", "/api/v1/predictions", large);
        HttpResponse<byte[]> gone = http.get("/api/v1/predictions/0123456789abcdef");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertValid("GET", "/api/v1/predictions/0123456789abcdef", gone);
        HttpResponse<byte[]> notAllowed = http.method("DELETE", "/api/v1/health");
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertValid("GET", "/api/v1/health", notAllowed); // DELETE has no operation: its answer is the path's declared 405
    }

    /** The check can fail: answers that break the declared schemas are caught. */
    @Test
    void answersThatBreakTheDocumentAreCaught() {
        HttpResponse<byte[]> created = http.post("/api/v1/predictions", png, "image/png");
        ObjectNode body = (ObjectNode) Http.json(created);
        JsonNode schema = contract.jsonSchema("POST", "/api/v1/predictions", 201);
        assertThat(contract.problems(schema, body)).isEmpty();

        ObjectNode noProbability = body.deepCopy();
        ((ObjectNode) noProbability.get("detection")).remove("probability");
        assertThat(contract.problems(schema, noProbability)).as("detection without probability").isNotEmpty();
        ObjectNode badBand = body.deepCopy();
        ((ObjectNode) badBand.get("detection")).put("band", "maybe");
        assertThat(contract.problems(schema, badBand)).as("unknown band").isNotEmpty();
        ObjectNode extra = body.deepCopy();
        extra.put("patientName", "x");
        assertThat(contract.problems(schema, extra)).as("undeclared field").isNotEmpty();

        JsonNode error = contract.jsonSchema("GET", "/api/v1/predictions/x", 404);
        JsonNode ok = Http.json(http.get("/api/v1/predictions/0123456789abcdef"));
        assertThat(contract.problems(error, ok)).isEmpty();
        ObjectNode noMessage = ok.deepCopy();
        ((ObjectNode) noMessage.get("error")).remove("message");
        assertThat(contract.problems(error, noMessage)).as("error without message").isNotEmpty();
        ObjectNode twoLines = ok.deepCopy();
        ((ObjectNode) twoLines.get("error")).put("message", "one\n\tat io.pxrcad.Thing");
        assertThat(contract.problems(error, twoLines)).as("a stack trace").isNotEmpty();

        // an undeclared status fails too
        HttpResponse<byte[]> health = http.get("/api/v1/health");
        assertThat(contract.problems("POST", "/api/v1/predictions", health)).isNotEmpty();
    }

    @Test
    void metricsCountRequestsLatencyAndBands() {
        Map<String, Double> before = metrics();
        HttpResponse<byte[]> created = http.post("/api/v1/predictions", png, "image/png");
        assertThat(created.statusCode()).isEqualTo(201);
        String band = Http.json(created).path("detection").path("band").asText();
        String self = Http.json(created).path("links").path("self").asText();
        http.get(self);
        http.get(self);
        http.get("/api/v1/predictions/0123456789abcdef");
        http.post("/api/v1/predictions", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain");
        http.get("/api/v1/no-such-thing");
        http.get("/"); // the viewer's page: a route of its own, not unmatched

        HttpResponse<byte[]> r = http.get("/api/v1/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain").contains("version=0.0.4");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("# TYPE pxrcad_http_requests_total counter",
                "# TYPE pxrcad_http_request_duration_seconds histogram", "# TYPE pxrcad_queue_depth gauge",
                "# TYPE pxrcad_predictions_total counter");
        Map<String, Double> after = parse(text);

        String req = "pxrcad_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"}";
        assertThat(delta(before, after, req.formatted("POST", "/api/v1/predictions", "201"))).isEqualTo(1);
        assertThat(delta(before, after, req.formatted("GET", "/api/v1/predictions/{id}", "200"))).isEqualTo(2);
        assertThat(delta(before, after, req.formatted("GET", "/api/v1/predictions/{id}", "404"))).isEqualTo(1);
        assertThat(delta(before, after, req.formatted("POST", "/api/v1/predictions", "415"))).isEqualTo(1);
        assertThat(delta(before, after, req.formatted("GET", "unmatched", "404"))).isEqualTo(1);
        assertThat(delta(before, after, req.formatted("GET", "/", "200"))).isEqualTo(1);
        assertThat(text).doesNotContain("0123456789abcdef").doesNotContain("no-such-thing");
        assertThat(delta(before, after, "pxrcad_predictions_total{band=\"" + band + "\"}")).isEqualTo(1);
        for (String b : ServiceMetrics.BANDS) assertThat(after).containsKey("pxrcad_predictions_total{band=\"" + b + "\"}");
        assertThat(after.get("pxrcad_queue_depth")).isEqualTo(0);

        // the previous scrape and these seven requests, at least, are in the histogram
        String h = "pxrcad_http_request_duration_seconds";
        assertThat(delta(before, after, h + "_count")).isGreaterThanOrEqualTo(8);
        assertThat(after.get(h + "_sum")).isGreaterThan(0);
        double previous = 0;
        for (double le : ServiceMetrics.BUCKETS) {
            Double bucket = after.get(h + "_bucket{le=\"" + le + "\"}");
            assertThat(bucket).as("bucket " + le).isNotNull().isGreaterThanOrEqualTo(previous);
            previous = bucket;
        }
        assertThat(after.get(h + "_bucket{le=\"+Inf\"}")).isGreaterThanOrEqualTo(previous)
                .isEqualTo(after.get(h + "_count"));
        double total = after.entrySet().stream().filter(e -> e.getKey().startsWith("pxrcad_http_requests_total"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(after.get(h + "_count")).isEqualTo(total); // both counted at each answer
    }

    private void assertValid(String method, String path, HttpResponse<byte[]> r) {
        assertThat(contract.problems(method, path, r)).as(method + " " + path + " " + r.statusCode() + ": "
                + new String(r.body(), StandardCharsets.UTF_8)).isEmpty();
    }

    private Map<String, Double> metrics() {
        HttpResponse<byte[]> r = http.get("/api/v1/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return parse(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)");

    /** Sample lines of the text format, by name and labels; fails on a line that is neither a sample nor a comment. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(out.put(m.group(1), Double.parseDouble(m.group(2)))).as("duplicate " + line).isNull();
        }
        return out;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).as(key).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }
}
