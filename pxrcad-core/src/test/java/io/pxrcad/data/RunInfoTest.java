package io.pxrcad.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.Radiograph;
import io.pxrcad.image.PngWriter;
import io.pxrcad.image.PreprocessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RunInfoTest {
    @TempDir
    Path dir;

    @Test
    void writesProvenanceAsJson() throws Exception {
        PngWriter.write8(dir.resolve("a.png"), new Radiograph(4, 4, new float[16], 8, "PHANTOM"));
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "image,patient,label,type,boxes\na.png,p,0,,\n");
        Manifest m = Manifest.load(csv);
        RunInfo info = io.pxrcad.model.Provenance.capture("split", PreprocessConfig.ofSize(64), m, 17, "cpu");
        Path out = dir.resolve("out/run.json");
        info.write(out);

        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.get("command").asText()).isEqualTo("split");
        assertThat(j.get("configuration").get("imageSize").asInt()).isEqualTo(64);
        assertThat(j.get("configuration").get("mean").size()).isEqualTo(3);
        assertThat(j.get("manifest").asText()).endsWith("m.csv");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
        assertThat(j.get("manifestSha256").asText()).isEqualTo(sha);
        assertThat(j.get("seed").asLong()).isEqualTo(17);
        assertThat(j.get("djl").asText()).isEqualTo("0.36.0");
        assertThat(j.get("pytorch").asText()).isEqualTo("2.7.1");
        assertThat(j.get("device").asText()).isEqualTo("cpu()");
        assertThat(j.get("java").asText()).startsWith(System.getProperty("java.version"));
        assertThat(j.get("gitCommit").asText()).matches("unknown|[0-9a-f]{40}(-dirty)?");
        assertThat(j.get("started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(Files.readString(out)).doesNotContain(java.net.InetAddress.getLocalHost().getHostName() + "\"");
    }

    @Test
    void gitCommitOutsideARepositoryIsUnknown() throws IOException {
        assertThat(RunInfo.gitCommit(Files.createDirectories(dir.resolve("plain")))).isEqualTo("unknown");
    }

    @Test
    void gitCommitOfThisRepository() {
        String root = System.getProperty("pxrcad.root");
        if (root != null && Files.exists(Path.of(root, ".git"))) {
            assertThat(RunInfo.gitCommit(Path.of(root))).matches("[0-9a-f]{40}(-dirty)?");
        }
    }
}
