package io.pxrcad.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.RepoTestdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The real DICOM reference files in {@code <repo root>/testdata/dicom} and their expectations. */
final class TestData {
    private TestData() {}

    static final Path ROOT = RepoTestdata.dir();
    private static JsonNode expected;

    static Path file(String relative) { return ROOT.resolve(relative); }

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(ROOT.resolve("dicom/expected_pixels.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    static JsonNode entry(String relative) { return expected().path("files").path(relative); }
}
