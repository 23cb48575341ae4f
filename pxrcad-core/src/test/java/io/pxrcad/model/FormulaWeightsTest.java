package io.pxrcad.model;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of {@link FormulaWeights} against published test vectors, and its tensor kinds. */
class FormulaWeightsTest {
    @Test
    void fnv1a64MatchesThePublishedVectors() {
        assertThat(FormulaWeights.fnv1a64("")).isEqualTo(0xCBF29CE484222325L);
        assertThat(FormulaWeights.fnv1a64("a")).isEqualTo(0xAF63DC4C8601EC8CL);
        assertThat(FormulaWeights.fnv1a64("foobar")).isEqualTo(0x85944171F73967E8L);
    }

    /** With h = seed = 0, element k is splitmix64's k-th output for state 0 (unsigned wrap-around and logical shifts). */
    @Test
    void mixIsSplitMix64() {
        assertThat(FormulaWeights.mix(0, 0, 1)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(FormulaWeights.mix(0, 0, 2)).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void valuesFollowTheTensorKind() {
        FormulaWeights f = new FormulaWeights(12345);
        Shape c = new Shape(500);
        assertWithin(f.values("bn.running_var", c), 0.5f, 2f);
        assertWithin(f.values("bn.running_mean", c), -0.2f, 0.2f);
        assertWithin(f.values("bn.weight", c), 0.5f, 1.5f);
        assertWithin(f.values("bn.bias", c), -0.2f, 0.2f);
        float bound = (float) Math.sqrt(3.0 / (16 * 3 * 3));
        float[] conv = f.values("conv.weight", new Shape(8, 16, 3, 3));
        assertThat(conv).hasSize(8 * 16 * 9);
        assertWithin(conv, -bound, bound);
        assertThat(max(conv)).isGreaterThan(0.9f * bound); // scaled by the fan-in, not the whole size
        assertThat(f.values("conv.weight", new Shape(8, 16, 3, 3), 4)).containsExactly(java.util.Arrays.copyOf(conv, 4));
        assertThat(f.values("bn.weight", c)).isNotEqualTo(new FormulaWeights(12346).values("bn.weight", c));
        assertThatThrownBy(() -> f.values("bn.num_batches_tracked", new Shape(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeedComesFromTheMetadataOfTheRightFormula(@TempDir Path dir) throws IOException {
        Path good = header(dir.resolve("good.safetensors"), "{\"__metadata__\":{\"weights\":\"pxrcad-testweights-v1\",\"seed\":\"18446744073709551615\"}}");
        assertThat(FormulaWeights.fromMetadata(good).seed()).isEqualTo(-1L);
        Path other = header(dir.resolve("other.safetensors"), "{\"__metadata__\":{\"weights\":\"pxrcad-testweights-v2\",\"seed\":\"7\"}}");
        assertThatThrownBy(() -> FormulaWeights.fromMetadata(other)).hasMessageContaining("pxrcad-testweights-v2")
                .hasMessageContaining("other.safetensors");
        Path noSeed = header(dir.resolve("noseed.safetensors"), "{\"__metadata__\":{\"weights\":\"pxrcad-testweights-v1\"}}");
        assertThatThrownBy(() -> FormulaWeights.fromMetadata(noSeed)).hasMessageContaining("seed");
    }

    private static Path header(Path file, String json) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + j.length).order(ByteOrder.LITTLE_ENDIAN).putLong(j.length).put(j);
        Files.write(file, b.array());
        return file;
    }

    private static void assertWithin(float[] a, float lo, float hi) {
        for (int i = 0; i < a.length; i++) assertThat(a[i]).as("element %d", i).isBetween(lo, hi);
    }

    private static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
