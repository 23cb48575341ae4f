package io.pxrcad.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the follower stopped: the last change of Orthanc's feed it handled, in a small JSON file
 * ({@code {"orthanc": URL, "lastChange": N}}) replaced atomically after each handled study, so a
 * restart continues after it. A file written for another Orthanc is refused rather than applied
 * to a feed whose numbers mean something else.
 */
final class FollowState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final URI orthanc;

    FollowState(Path file, URI orthanc) {
        this.file = file;
        this.orthanc = orthanc;
    }

    /** The last change handled; 0 when there is no state file yet. */
    long load() {
        if (!Files.exists(file)) return 0;
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the state file " + file + ": " + e.getMessage(), e);
        }
        if (n == null || !n.path("lastChange").canConvertToLong() || !n.path("orthanc").isTextual()) {
            throw new DataException("the state file " + file + " is not one pxrcad pacs wrote (expected orthanc and lastChange)");
        }
        if (!n.path("orthanc").asText().equals(orthanc.toString())) {
            throw new DataException("the state file " + file + " follows Orthanc at " + n.path("orthanc").asText() + ", not "
                    + orthanc + ": give another --state file");
        }
        return n.path("lastChange").asLong();
    }

    void save(long lastChange) {
        ObjectNode n = JSON.createObjectNode().put("orthanc", orthanc.toString()).put("lastChange", lastChange);
        try {
            AtomicFiles.writeString(file, n.toString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }
}
