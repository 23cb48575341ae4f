package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.Radiograph;
import io.pxrcad.image.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {
    @TempDir
    Path dir;

    private Path png16() throws Exception {
        Path f = dir.resolve("a.png");
        PngWriter.write16(f, new Radiograph(3, 2, new float[] {5, 100, 200, 300, 4000, 65535}, 16, "PHANTOM"));
        return f;
    }

    @Test
    void tableRowPerImage() throws Exception {
        Path f = png16();
        MainTest.Result r = MainTest.run("info", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("PNG").contains("3x2").contains("16").contains("5").contains("65535").contains(f.toString());
    }

    @Test
    void jsonPerImage() throws Exception {
        Path f = png16();
        MainTest.Result r = MainTest.run("info", "--json", f.toString());
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertThat(j.get("format").asText()).isEqualTo("PNG");
        assertThat(j.get("width").asInt()).isEqualTo(3);
        assertThat(j.get("height").asInt()).isEqualTo(2);
        assertThat(j.get("bitDepth").asInt()).isEqualTo(16);
        assertThat(j.get("min").asDouble()).isEqualTo(5);
        assertThat(j.get("max").asDouble()).isEqualTo(65535);
    }

    @Test
    void badFilesAreReportedOneLineEachAndTheRestContinue() throws Exception {
        Path good = png16();
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        Path missing = dir.resolve("missing.png");
        MainTest.Result r = MainTest.run("info", missing.toString(), text.toString(), good.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err().lines().toList()).containsExactly(
                "pxrcad: no such file: " + missing,
                "pxrcad: unsupported image " + text + ": expected [DICOM, PNG/JPEG/TIFF] but it looks like text");
        assertThat(r.out()).contains(good.toString());
    }

    @Test
    void noFileIsAUsageError() {
        MainTest.Result r = MainTest.run("info");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: ").doesNotContain("Exception");
    }
}
