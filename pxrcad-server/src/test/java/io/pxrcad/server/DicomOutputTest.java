package io.pxrcad.server;

import io.pxrcad.dicom.DicomFile;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.phantom.CohortWriter;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pxrcad.server.PredictionServerTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /predictions?output=dicom}: the SR and the secondary capture as multipart/related DICOM parts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomOutputTest {
    private static final String SR = "1.2.840.10008.5.1.4.1.1.88.33", SC = "1.2.840.10008.5.1.4.1.1.7";

    PredictionServer server;
    Http http;
    Path dicom;
    double expected;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        dicom = TinyModel.phantoms(dir, CohortWriter.Format.DICOM, 1, 160).get(0);
        try (FractureDetector d = FractureDetector.load(TinyModel.shared(), "cpu")) {
            expected = d.detect(ImageReaders.read(dicom)).probability();
        }
        server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 4, 8L << 20, 10), TinyModel.shared(), "cpu");
        assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void aDicomUploadGetsItsReportAndSecondaryCaptureInItsStudy() throws Exception {
        byte[] source = Files.readAllBytes(dicom);
        DicomFile original = DicomFile.parse(source);
        HttpResponse<byte[]> r = http.post("/api/v1/predictions?output=dicom", source, "application/dicom");
        assertThat(r.statusCode()).as(PredictionServerTest.body(r)).isEqualTo(201);
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/related; type=\"application/dicom\"; boundary=");
        assertThat(new OpenApiContract(http.get("/api/v1/openapi.json").body()).problems("post", "/api/v1/predictions", r)).isEmpty();

        List<byte[]> parts = parts(r.body(), type.substring(type.indexOf("boundary=") + 9));
        assertThat(parts).hasSize(2);
        DicomFile sr = DicomFile.parse(parts.get(0)), sc = DicomFile.parse(parts.get(1));
        assertThat(sr.string(0x0008, 0x0016)).isEqualTo(SR);
        assertThat(sc.string(0x0008, 0x0016)).isEqualTo(SC);
        for (DicomFile out : List.of(sr, sc)) {
            assertThat(out.string(0x0020, 0x000D)).as("the source's study").isEqualTo(original.string(0x0020, 0x000D));
            assertThat(out.string(0x0010, 0x0020)).as("the source's patient").isEqualTo(original.string(0x0010, 0x0020));
            assertThat(out.string(0x0020, 0x000E)).as("a new series").isNotEqualTo(original.string(0x0020, 0x000E));
        }
        // the JSON result stays at Location, with the detector's probability
        HttpResponse<byte[]> json = http.get(r.headers().firstValue("Location").orElseThrow());
        assertThat(Http.json(json).get("detection").get("probability").asDouble()).isCloseTo(expected, Offset.offset(1e-6));

        // scored again: the same UIDs, so that a PACS replaces rather than duplicates
        HttpResponse<byte[]> again = http.post("/api/v1/predictions?output=dicom", source, "application/dicom");
        String type2 = again.headers().firstValue("Content-Type").orElseThrow();
        List<byte[]> parts2 = parts(again.body(), type2.substring(type2.indexOf("boundary=") + 9));
        assertThat(DicomFile.parse(parts2.get(0)).string(0x0008, 0x0018)).isEqualTo(sr.string(0x0008, 0x0018));
        assertThat(DicomFile.parse(parts2.get(1)).string(0x0008, 0x0018)).isEqualTo(sc.string(0x0008, 0x0018));
    }

    @Test
    void anUnknownOutputIsABadRequest() throws Exception {
        assertError(http.post("/api/v1/predictions?output=xml", Files.readAllBytes(dicom), "application/dicom"), 400, "bad_request");
    }

    /** The bodies of a multipart/related answer. */
    private static List<byte[]> parts(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] headersEnd = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> out = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (body[start] == '-' && body[start + 1] == '-') break; // the closing delimiter
            int content = indexOf(body, headersEnd, start) + headersEnd.length;
            int next = indexOf(body, delimiter, content);
            out.add(Arrays.copyOfRange(body, content, next - 2)); // without the CRLF before the delimiter
            at = next;
        }
        return out;
    }

    private static int indexOf(byte[] a, byte[] b, int from) {
        outer:
        for (int i = from; i <= a.length - b.length; i++) {
            for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
            return i;
        }
        return -1;
    }
}
