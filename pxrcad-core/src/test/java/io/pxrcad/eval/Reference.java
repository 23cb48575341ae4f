package io.pxrcad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.RepoTestdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the scikit-learn reference files from {@code <repo root>/testdata/reference}. */
final class Reference {
    private Reference() {}

    static Path dir() {
        return RepoTestdata.resolve("reference");
    }

    static JsonNode read(String name) {
        try {
            return new ObjectMapper().readTree(dir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Numbers as doubles; JSON null and "Inf" / "Infinity" strings as +Infinity. */
    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNumber() ? v.asDouble() : Double.POSITIVE_INFINITY;
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
