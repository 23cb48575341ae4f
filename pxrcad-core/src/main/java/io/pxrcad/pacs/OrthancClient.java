package io.pxrcad.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The part of Orthanc's REST API (https://orthanc.uclouvain.be/book/users/rest.html) that the
 * follower needs: the change feed, a study's series and instances, an instance's file, a UID
 * lookup, and storing an instance (POST /instances). Plain {@link HttpClient}, HTTP Basic
 * authentication when a user is given. Thread-safe.
 */
public final class OrthancClient {
    /** One entry of {@code /changes}: its sequence number, type (e.g. {@code StableStudy}) and resource ID. */
    public record Change(long seq, String type, String resourceId) {}

    /** A page of {@code /changes}: the entries, the last sequence number, and whether the feed is drained. */
    public record Changes(List<Change> changes, long last, boolean done) {}

    /** A series of a study: its Orthanc ID and modality. */
    public record Series(String id, String modality) {}

    /** An instance of a series: its Orthanc ID and SOP Instance UID. */
    public record Instance(String id, String sopInstanceUid) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base     e.g. {@code http://localhost:8042}
     * @param username the user for HTTP Basic authentication, or {@code null} for none
     * @param password the password ({@code null} exactly when {@code username} is)
     */
    public OrthancClient(URI base, String username, String password) {
        Objects.requireNonNull(base, "base");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("the Orthanc address must be http://HOST:PORT or https://HOST:PORT but was " + base);
        }
        if ((username == null) != (password == null)) throw new IllegalArgumentException("a username needs a password and a password a username");
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() { return base; }

    /** Orthanc's version ({@code GET /system}): a cheap first call that checks the address and the credentials. */
    public String version() {
        return json(get("system")).path("Version").asText("unknown");
    }

    /** Up to {@code limit} changes after sequence number {@code since}. */
    public Changes changes(long since, int limit) {
        JsonNode page = json(get("changes?since=" + since + "&limit=" + limit));
        List<Change> out = new ArrayList<>();
        for (JsonNode c : page.path("Changes")) {
            out.add(new Change(c.path("Seq").asLong(), c.path("ChangeType").asText(), c.path("ID").asText()));
        }
        return new Changes(out, page.path("Last").asLong(since), page.path("Done").asBoolean(true));
    }

    /** The series of a study, with their modalities. */
    public List<Series> seriesOfStudy(String studyId) {
        List<Series> out = new ArrayList<>();
        for (JsonNode s : json(get("studies/" + id(studyId) + "/series"))) {
            out.add(new Series(s.path("ID").asText(), s.path("MainDicomTags").path("Modality").asText("")));
        }
        return out;
    }

    /** The instances of a series, with their SOP Instance UIDs. */
    public List<Instance> instancesOfSeries(String seriesId) {
        List<Instance> out = new ArrayList<>();
        for (JsonNode i : json(get("series/" + id(seriesId) + "/instances"))) {
            out.add(new Instance(i.path("ID").asText(), i.path("MainDicomTags").path("SOPInstanceUID").asText("")));
        }
        return out;
    }

    /** The Part 10 file of an instance, as Orthanc stored it. */
    public byte[] file(String instanceId) { return get("instances/" + id(instanceId) + "/file"); }

    /** True when Orthanc holds an instance with this SOP Instance UID. */
    public boolean hasInstance(String sopInstanceUid) {
        for (JsonNode hit : json(send(HttpRequest.newBuilder(base.resolve("tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)), "POST tools/lookup"))) {
            if ("Instance".equals(hit.path("Type").asText())) return true;
        }
        return false;
    }

    /**
     * Stores a Part 10 file; returns Orthanc's status, {@code Success} or {@code AlreadyStored} (an
     * instance of the same SOP Instance UID is kept, not duplicated).
     */
    public String store(byte[] dicom) {
        JsonNode answer = json(send(HttpRequest.newBuilder(base.resolve("instances"))
                .header("Content-Type", "application/dicom").POST(HttpRequest.BodyPublishers.ofByteArray(dicom)), "POST instances"));
        return answer.path("Status").asText("");
    }

    private byte[] get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), "GET " + path);
    }

    private byte[] send(HttpRequest.Builder request, String what) {
        request.timeout(TIMEOUT);
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<byte[]> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OrthancException("cannot reach Orthanc at " + base + " (" + what + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancException("interrupted while asking Orthanc at " + base + " (" + what + ")", e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new OrthancException("Orthanc at " + base + " refused " + what + " (HTTP " + r.statusCode()
                    + "): check --username and --password-file");
        }
        if (r.statusCode() / 100 != 2) {
            String body = new String(r.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            throw new OrthancException("Orthanc at " + base + " answered " + what + " with HTTP " + r.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
        }
        return r.body();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new OrthancException("Orthanc's answer is not JSON: " + e.getMessage(), e);
        }
    }

    /** Orthanc IDs are hex digits and dashes; anything else is not sent into a path. */
    private static String id(String id) {
        if (!id.matches("[0-9a-f-]+")) throw new OrthancException("not an Orthanc ID: " + id);
        return id;
    }
}
