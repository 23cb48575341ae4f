package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
            assertThat(r.err()).contains("synth: 5/5 images");
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
