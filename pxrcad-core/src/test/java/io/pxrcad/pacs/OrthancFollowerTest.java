package io.pxrcad.pacs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The follower's logic against a fake Orthanc (the JDK's HTTP server answering the REST calls it
 * makes), so that it is tested where no Orthanc is installed: only DX/CR series are read, the
 * secondary capture is stored before the SR, an unreadable instance is reported by its UID, the
 * state file moves on, and a study seen again stores nothing twice. The real server is in the
 * CLI's PacsCommandTest.
 */
class OrthancFollowerTest {
    private static final Algorithm ALGORITHM = new Algorithm("pxrcad", "test", "two-stage", "0123456789abcdef");
    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String[]> changes = new CopyOnWriteArrayList<>();
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final List<String> storedOrder = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private byte[] phantom;
    private String phantomUid;

    @BeforeEach
    void fakeOrthanc() throws IOException {
        List<io.pxrcad.data.ManifestEntry> rows = io.pxrcad.phantom.CohortWriter.write(
                io.pxrcad.phantom.PhantomConfig.defaults().withSize(64).withSeed(3), io.pxrcad.phantom.CohortWriter.Format.DICOM,
                dir.resolve("in"), 1, 1, io.pxrcad.ProgressListener.NONE);
        phantom = Files.readAllBytes(rows.get(0).resolve(dir.resolve("in")));
        phantomUid = DicomFile.parse(phantom).header().sopInstanceUid();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body = x.getRequestBody().readAllBytes();
        requests.add(x.getRequestMethod() + " " + path);
        authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        String json;
        byte[] raw = null;
        switch (path) {
            case "/changes" -> {
                long since = Long.parseLong(x.getRequestURI().getQuery().replaceAll(".*since=(\\d+).*", "$1"));
                StringBuilder sb = new StringBuilder("{\"Changes\":[");
                long last = since;
                for (String[] c : changes) {
                    if (Long.parseLong(c[0]) <= since) continue;
                    if (last != since) sb.append(',');
                    sb.append("{\"Seq\":").append(c[0]).append(",\"ChangeType\":\"").append(c[1]).append("\",\"ID\":\"").append(c[2]).append("\"}");
                    last = Long.parseLong(c[0]);
                }
                json = sb.append("],\"Done\":true,\"Last\":").append(last).append('}').toString();
            }
            case "/studies/aa00/series" -> json = "[{\"ID\":\"a1\",\"MainDicomTags\":{\"Modality\":\"DX\"}},"
                    + "{\"ID\":\"a2\",\"MainDicomTags\":{\"Modality\":\"SR\"}}]";
            case "/series/a1/instances" -> json = "[{\"ID\":\"b1\",\"MainDicomTags\":{\"SOPInstanceUID\":\"" + phantomUid + "\"}},"
                    + "{\"ID\":\"b2\",\"MainDicomTags\":{\"SOPInstanceUID\":\"1.2.3.4\"}}]";
            case "/instances/b1/file" -> { json = null; raw = phantom; }
            case "/instances/b2/file" -> { json = null; raw = "garbage, not DICOM".getBytes(StandardCharsets.US_ASCII); }
            case "/tools/lookup" -> json = stored.containsKey(new String(body, StandardCharsets.US_ASCII))
                    ? "[{\"Type\":\"Instance\",\"ID\":\"c1\"}]" : "[]";
            case "/instances" -> {
                DicomFile f = DicomFile.parse(body);
                stored.put(f.header().sopInstanceUid(), f.header().sopClassUid());
                storedOrder.add(f.header().modality());
                json = "{\"Status\":\"Success\"}";
            }
            default -> json = null;
        }
        byte[] out = raw != null ? raw : json != null ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
        x.sendResponseHeaders(raw != null || json != null ? 200 : 404, out.length == 0 ? -1 : out.length);
        if (out.length > 0) x.getResponseBody().write(out);
        x.close();
    }

    private OrthancClient client() {
        return new OrthancClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "pxrcad", "pw");
    }

    private static Detection score(Radiograph r) {
        Detection d = DicomResultsTest.detection(Band.SUSPICIOUS, r.width());
        assertThat(r.height()).isEqualTo(r.width());
        return d;
    }

    @Test
    void storesTheSecondaryCaptureThenTheSrSkipsTheUnreadableAndNeverStoresTwice() {
        List<String> events = new ArrayList<>();
        OrthancFollower.Listener listener = new OrthancFollower.Listener() {
            public void stored(String uid, Detection d, boolean sc) { events.add("stored " + uid + " " + sc); }
            public void alreadyDone(String uid) { events.add("done " + uid); }
            public void skipped(String uid, String reason) { events.add("skipped " + uid); }
        };
        Path state = dir.resolve("state.json");
        changes.add(new String[] {"3", "NewStudy", "aa00"});
        changes.add(new String[] {"5", "StableStudy", "aa00"});
        OrthancFollower follower = new OrthancFollower(client(), OrthancFollowerTest::score, ALGORITHM, state, listener);
        OrthancFollower.Summary first = follower.drain();
        assertThat(events).containsExactly("stored " + phantomUid + " true", "skipped 1.2.3.4");
        assertThat(storedOrder).containsExactly("OT", "SR");
        assertThat(stored).containsKey(DicomResults.srUid(phantomUid, ALGORITHM));
        assertThat(requests).noneMatch(r -> r.contains("/series/a2")); // our own SR series is not read
        assertThat(authorizations).allMatch(a -> a.startsWith("Basic "));
        assertThat(first.lastChange()).isEqualTo(5);
        assertThat(first.skipped()).isEqualTo(1);

        // the study turns stable again (our stores): nothing is scored or stored again; a new follower resumes from the state
        changes.add(new String[] {"9", "StableStudy", "aa00"});
        events.clear();
        OrthancFollower.Summary second = new OrthancFollower(client(), r -> { throw new AssertionError("scored again"); },
                ALGORITHM, state, listener).drain();
        assertThat(events).containsExactly("done " + phantomUid, "skipped 1.2.3.4");
        assertThat(storedOrder).hasSize(2);
        assertThat(second.lastChange()).isEqualTo(9);
        assertThat(requests.stream().filter(r -> r.equals("GET /studies/aa00/series")).count()).isEqualTo(2);
    }

    @Test
    void aStopIsSeenBeforeTheNextStudyAndTheStateNamesTheLastOneHandled() {
        List<String> events = new ArrayList<>();
        OrthancFollower.Listener listener = new OrthancFollower.Listener() {
            public void stored(String uid, Detection d, boolean sc) { events.add("stored " + uid); }
            public void alreadyDone(String uid) { events.add("done " + uid); }
            public void skipped(String uid, String reason) { events.add("skipped " + uid); }
        };
        Path state = dir.resolve("state.json");
        changes.add(new String[] {"5", "StableStudy", "aa00"});
        changes.add(new String[] {"8", "StableStudy", "aa00"});
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // the stop comes while the first study is handled
        OrthancFollower.Summary stopped = new OrthancFollower(client(), OrthancFollowerTest::score, ALGORITHM, state, listener)
                .drain(() -> asked.incrementAndGet() > 1);
        assertThat(stopped.lastChange()).isEqualTo(5);
        assertThat(stopped.studies()).isEqualTo(1);
        assertThat(events).containsExactly("stored " + phantomUid, "skipped 1.2.3.4");
        events.clear();
        OrthancFollower.Summary rest = new OrthancFollower(client(), r -> { throw new AssertionError("scored again"); },
                ALGORITHM, state, listener).drain();
        assertThat(rest.lastChange()).isEqualTo(8);
        assertThat(rest.studies()).isEqualTo(1);
        assertThat(events).containsExactly("done " + phantomUid, "skipped 1.2.3.4");
    }

    @Test
    void aStateFileOfAnotherServerIsRefused() throws IOException {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"orthanc\":\"http://elsewhere:8042/\",\"lastChange\":12}");
        OrthancFollower follower = new OrthancFollower(client(), OrthancFollowerTest::score, ALGORITHM, state,
                new OrthancFollower.Listener() {
                    public void stored(String uid, Detection d, boolean sc) {}
                    public void alreadyDone(String uid) {}
                    public void skipped(String uid, String reason) {}
                });
        assertThatThrownBy(follower::drain).isInstanceOf(DataException.class).hasMessageContaining("http://elsewhere:8042/")
                .hasMessageContaining("--state");
    }

    @Test
    void anUnreachableServerIsOneMessageNamingIt() {
        OrthancClient c = new OrthancClient(URI.create("http://127.0.0.1:1"), null, null);
        assertThatThrownBy(() -> c.changes(0, 10)).isInstanceOf(OrthancException.class)
                .hasMessageContaining("cannot reach Orthanc at http://127.0.0.1:1/");
        assertThatThrownBy(() -> new OrthancClient(URI.create("ftp://x"), null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
