package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.data.Manifest;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.phantom.PhantomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SynthCommandTest {
    @Test
    void writesImagesAndManifestDeterministically(@TempDir Path dir) throws Exception {
        for (String run : List.of("a", "b")) {
            MainTest.Result r = MainTest.run("synth", "--out", dir.resolve(run).toString(), "--count", "5", "--size", "96",
                    "--seed", "4", "--difficulty", "0.2");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote 5 images");
            assertThat(r.err()).contains("synth: done 5/5");
        }
        List<String> manifest = Files.readAllLines(dir.resolve("a/manifest.csv"));
        assertThat(manifest).hasSize(6);
        assertThat(manifest.get(0)).isEqualTo("image,patient,label,type,boxes");
        assertThat(Files.readAllBytes(dir.resolve("b/manifest.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("a/manifest.csv")));
        for (int i = 0; i < 5; i++) {
            String name = String.format("images/%06d.png", i);
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
        }
    }

    @Test
    void dicomCohortIsReproducibleAndInfoReadsItsHeaderAndPixels(@TempDir Path dir) throws Exception {
        for (String run : List.of("a", "b")) {
            MainTest.Result r = MainTest.run("synth", "--format", "dicom", "--out", dir.resolve(run).toString(), "--count", "4",
                    "--size", "64", "--seed", "9", "--second-image-share", "1", "--threads", run.equals("a") ? "1" : "2");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote 4 images");
        }
        List<String> manifest = Files.readAllLines(dir.resolve("a/manifest.csv"));
        assertThat(manifest).hasSize(5);
        assertThat(manifest.get(1)).startsWith("images/000000.dcm,P");
        Manifest.load(dir.resolve("a/manifest.csv"));
        for (int i = 0; i < 4; i++) {
            String name = String.format("images/%06d.dcm", i);
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
        }

        Path first = dir.resolve("a/images/000000.dcm"), second = dir.resolve("a/images/000001.dcm");
        MainTest.Result info = MainTest.run("info", "--json", "--pixel-md5", first.toString(), second.toString());
        assertThat(info.code()).as(info.err()).isZero();
        List<JsonNode> objects = new java.util.ArrayList<>();
        for (String line : info.out().strip().split("\n")) objects.add(new ObjectMapper().readTree(line));
        JsonNode j = objects.get(0);
        assertThat(j.get("format").asText()).isEqualTo("DICOM");
        assertThat(j.get("width").asInt()).isEqualTo(64);
        JsonNode h = j.get("dicom");
        assertThat(h.get("modality").asText()).isEqualTo("DX");
        assertThat(h.get("bodyPartExamined").asText()).isEqualTo("PELVIS");
        assertThat(h.get("viewPosition").asText()).isEqualTo("AP");
        assertThat(h.get("transferSyntaxUid").asText()).isEqualTo("1.2.840.10008.1.2.1");
        // with every patient imaged twice, cases 0 and 1 are one patient: one study, two instances
        assertThat(objects.get(1).get("dicom").get("studyInstanceUid")).isEqualTo(h.get("studyInstanceUid"));
        assertThat(objects.get(1).get("dicom").get("sopInstanceUid")).isNotEqualTo(h.get("sopInstanceUid"));

        float[] px = new PhantomGenerator(new PhantomConfig(64, 9, 0.6, 0.7, 0.5, 1)).render(0).image().pixelsUnsafe();
        byte[] le = new byte[px.length * 2];
        for (int i = 0; i < px.length; i++) {
            le[2 * i] = (byte) (int) px[i];
            le[2 * i + 1] = (byte) ((int) px[i] >>> 8);
        }
        String md5 = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(le));
        assertThat(h.get("pixelMd5").asText()).isEqualTo(md5);
    }

    @Test
    void unknownFormatIsAUsageError(@TempDir Path dir) {
        MainTest.Result r = MainTest.run("synth", "--out", dir.toString(), "--count", "2", "--format", "jpeg");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: --format must be png or dicom but was 'jpeg'");
    }

    @Test
    void outOfRangeDifficultyIsAUsageError(@TempDir Path dir) {
        MainTest.Result r = MainTest.run("synth", "--out", dir.toString(), "--count", "2", "--difficulty", "2");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: difficulty must be in [0, 1] but was 2.0");
    }

    @Test
    void missingCountIsAUsageError(@TempDir Path dir) {
        MainTest.Result r = MainTest.run("synth", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: --count");
    }

    @Test
    void benchSynthPrintsEnvironmentRatesAndChecksum() {
        MainTest.Result r = MainTest.run("bench", "synth", "--sizes", "96", "--images", "4", "--runs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("environment: Java").contains("median img/s").containsPattern("\\n\\s+96\\s+\\d+\\s+1\\s+[0-9.]+.*[0-9a-f]{8}");
    }
}
