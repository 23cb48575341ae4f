package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.dicom.DicomFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code predict --dicom-out}: an SR per image and a secondary capture per image in scope, in the
 * source's study, the same UIDs on a rerun, the sources untouched, and a bad image costing only itself.
 */
class PredictDicomOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesAnSrAndASecondaryCapturePerImage(@TempDir Path dir) throws Exception {
        String model = TinyRun.model().toString();
        MainTest.Result s = MainTest.run("synth", "--out", dir.resolve("in").toString(), "--count", "3", "--size", "64",
                "--difficulty", "0", "--seed", "9", "--format", "dicom");
        assertThat(s.code()).as(s.err()).isZero();
        List<Path> sources;
        try (Stream<Path> w = Files.walk(dir.resolve("in/images"))) {
            sources = w.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertThat(sources).hasSize(3);
        byte[] before = Files.readAllBytes(sources.get(0));
        Path corrupt = dir.resolve("in/images/zz-corrupt.dcm");
        Files.writeString(corrupt, "not DICOM");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.sr.dcm"), "an earlier run's");
        Files.writeString(out.resolve("keep.txt"), "someone else's");

        MainTest.Result r = MainTest.run("predict", "--model", model, "--device", "cpu", "--dicom-out", out.toString(),
                dir.resolve("in/images").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err()).contains("1 of 4 images failed");
        List<JsonNode> lines = r.out().lines().map(PredictDicomOutTest::tree).toList();
        assertThat(out.resolve("stale.sr.dcm")).doesNotExist();
        assertThat(out.resolve("keep.txt")).exists();
        for (int k = 0; k < 3; k++) {
            Path src = sources.get(k);
            String name = PredictCommand.outputName(src);
            DicomFile source = DicomFile.read(src);
            DicomFile sr = DicomFile.read(out.resolve(name + ".sr.dcm"));
            assertThat(sr.header().studyInstanceUid()).isEqualTo(source.header().studyInstanceUid());
            assertThat(sr.string(0x0040, 0xA493)).isEqualTo("UNVERIFIED");
            boolean inScope = lines.get(k).get("inScope").asBoolean();
            assertThat(Files.exists(out.resolve(name + ".sc.dcm"))).as(name).isEqualTo(inScope);
            if (inScope) {
                DicomFile sc = DicomFile.read(out.resolve(name + ".sc.dcm"));
                assertThat(sc.header().studyInstanceUid()).isEqualTo(source.header().studyInstanceUid());
                assertThat(sc.header().photometricInterpretation()).isEqualTo("RGB");
                // the probability of the JSON line, to its 6 decimals
                String sr0 = new String(Files.readAllBytes(out.resolve(name + ".sr.dcm")), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(sr0).contains("Fracture probability");
            }
        }
        assertThat(lines.subList(0, 3)).as("the secondary capture path is exercised").anyMatch(l -> l.get("inScope").asBoolean());
        assertThat(Files.readAllBytes(sources.get(0))).isEqualTo(before);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt")).noneMatch(n -> n.endsWith(".tmp"));
        }

        // a rerun gives the same UIDs: a PACS would replace, not duplicate
        String name = PredictCommand.outputName(sources.get(1));
        String uid = DicomFile.read(out.resolve(name + ".sr.dcm")).header().sopInstanceUid();
        MainTest.Result again = MainTest.run("predict", "--model", model, "--device", "cpu", "--dicom-out", out.toString(),
                sources.get(1).toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(DicomFile.read(out.resolve(name + ".sr.dcm")).header().sopInstanceUid()).isEqualTo(uid);
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
