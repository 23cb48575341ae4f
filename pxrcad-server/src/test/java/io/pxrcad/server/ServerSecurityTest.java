package io.pxrcad.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pxrcad.phantom.CohortWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static io.pxrcad.server.PredictionServerTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer token ({@code --token-file}), request ids in answers and logs, and logs that carry no
 * identifier from a DICOM header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSecurityTest {
    private static final String TOKEN = "s3cret-Token_42";

    PredictionServer server;
    Http http;
    byte[] png;
    byte[] dicom;
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger serverLogger = (Logger) LoggerFactory.getLogger("io.pxrcad.server");
    Level levelBefore;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        png = Files.readAllBytes(TinyModel.phantoms(dir.resolve("png"), CohortWriter.Format.PNG, 1, 128).get(0));
        dicom = Files.readAllBytes(TinyModel.phantoms(dir.resolve("dcm"), CohortWriter.Format.DICOM, 1, 128).get(0));
        levelBefore = serverLogger.getLevel();
        serverLogger.setLevel(Level.INFO);
        log.start();
        serverLogger.addAppender(log);
        server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 4, 8L << 20, 10).withToken(TOKEN),
                TinyModel.shared(), "cpu");
        assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        serverLogger.detachAppender(log);
        serverLogger.setLevel(levelBefore);
    }

    @Test
    void withATokenEveryApiRequestButProbesNeedsIt() {
        OpenApiContract contract = new OpenApiContract(http.get("/api/v1/openapi.json").body());
        for (String path : new String[]{"/api/v1/model", "/api/v1/metrics", "/api/v1/predictions/0123456789abcdef"}) {
            HttpResponse<byte[]> r = http.get(path);
            assertError(r, 401, "unauthorized");
            assertThat(contract.problems("get", path, r)).as("the document declares " + path + "'s 401").isEmpty();
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"pxrcad\"");
            assertError(http.get(path, "Authorization", "Bearer wrong"), 401, "unauthorized");
            assertError(http.get(path, "Authorization", "Basic " + TOKEN), 401, "unauthorized");
        }
        assertError(http.post("/api/v1/predictions", png, "image/png"), 401, "unauthorized");
        assertError(http.post("/api/v1/predictions", png, "image/png", "Authorization", "Bearer " + TOKEN + "x"), 401, "unauthorized");

        HttpResponse<byte[]> created = http.post("/api/v1/predictions", png, "image/png", "Authorization", "Bearer " + TOKEN);
        assertThat(created.statusCode()).as(PredictionServerTest.body(created)).isEqualTo(201);
        String self = Http.json(created).get("links").get("self").asText();
        assertThat(http.get(self, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/model", "authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        // probes and the API's description stay open: a load balancer or a client generator has no token
        for (String open : new String[]{"/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json"}) {
            assertThat(http.get(open).statusCode()).as(open).isEqualTo(200);
        }
        String logged = messages();
        assertThat(logged).doesNotContain(TOKEN);
    }

    @Test
    void requestIdsAreAnsweredAndLoggedAndDicomIdentifiersAreNot() {
        HttpResponse<byte[]> mine = http.post("/api/v1/predictions", dicom, "application/dicom",
                "Authorization", "Bearer " + TOKEN, RequestId.HEADER, "gateway-7f3a.1");
        assertThat(mine.statusCode()).as(PredictionServerTest.body(mine)).isEqualTo(201);
        assertThat(mine.headers().firstValue(RequestId.HEADER)).contains("gateway-7f3a.1");
        HttpResponse<byte[]> odd = http.get("/api/v1/health", RequestId.HEADER, "no spaces allowed");
        String generated = odd.headers().firstValue(RequestId.HEADER).orElseThrow();
        assertThat(generated).matches("[0-9a-f]{16}");

        String logged = messages();
        String id = Http.json(mine).get("id").asText();
        assertThat(logged).contains("request gateway-7f3a.1: POST /api/v1/predictions 201")
                .contains("request gateway-7f3a.1: prediction " + id + " scored")
                .contains("request " + generated + ": GET /api/v1/health 200");
        // the phantom's DICOM header holds Patient Name SYNTHETIC^P..., its ID and UIDs: none is logged
        assertThat(logged).doesNotContain("SYNTHETIC").doesNotContainPattern("P0\\d{5}").doesNotContainPattern("2\\.25\\.\\d{20}");
    }

    private String messages() {
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        }
    }
}
