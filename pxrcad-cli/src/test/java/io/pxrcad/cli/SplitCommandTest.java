package io.pxrcad.cli;

import io.pxrcad.Radiograph;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;
import io.pxrcad.image.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SplitCommandTest {
    @TempDir
    Path dir;

    /** 40 images of 30 patients in data/, the manifest beside them. */
    private Path manifest() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/img"));
        StringBuilder csv = new StringBuilder("image,patient,label,type,boxes\n");
        for (int i = 0; i < 40; i++) {
            PngWriter.write8(data.resolve(i + ".png"), new Radiograph(4, 4, new float[16], 8, "PHANTOM"));
            String type = i % 4 == 1 ? "hip" : i % 4 == 3 ? "pelvic" : "";
            csv.append("img/").append(i).append(".png,p").append(i % 30).append(',').append(i % 2).append(',')
                    .append(type).append(",\n");
        }
        Path m = dir.resolve("data/manifest.csv");
        Files.writeString(m, csv);
        return m;
    }

    @Test
    void writesOneManifestPerFoldThatLoadsFromTheOutputFolder() throws Exception {
        Path m = manifest();
        Path out = dir.resolve("folds");
        MainTest.Result r = MainTest.run("split", "--manifest", m.toString(), "--folds", "5", "--seed", "1", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("FOLD").contains("PATIENTS").contains("test").contains("val").contains("train");
        assertThat(r.out().lines().filter(l -> l.matches("\\s*\\d+ (train|val|test) .*"))).hasSize(15);
        Set<String> tested = new HashSet<>();
        for (int f = 1; f <= 5; f++) {
            Manifest fold = Manifest.load(out.resolve("fold-" + f + ".csv"));
            assertThat(fold.hasSplit()).isTrue();
            assertThat(fold.size()).isEqualTo(40);
            assertThat(fold.entries().get(0).image()).isEqualTo("../data/img/0.png");
            for (ManifestEntry e : fold.entries(Split.TEST)) assertThat(tested.add(e.image())).isTrue();
        }
        assertThat(tested).hasSize(40);
        assertThat(out.resolve("run.json")).exists();
    }

    @Test
    void dataErrorsAreOneLineAndExit1() throws Exception {
        Path out = dir.resolve("o");
        MainTest.Result missing = MainTest.run("split", "--manifest", dir.resolve("no.csv").toString(), "--out", out.toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(missing.err().lines()).singleElement().asString().startsWith("pxrcad: no such manifest");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "image,patient,label,type,boxes\n");
        MainTest.Result e = MainTest.run("split", "--manifest", empty.toString(), "--out", out.toString());
        assertThat(e.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(e.err().lines()).singleElement().asString().isEqualTo("pxrcad: " + empty + ":1: empty manifest: a header but no rows");

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "image,patient,label,type,boxes,colour\n");
        MainTest.Result u = MainTest.run("split", "--manifest", unknown.toString(), "--out", out.toString());
        assertThat(u.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(u.err().lines()).singleElement().asString().contains("unknown column 'colour'");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void usageErrorsExit2() throws Exception {
        MainTest.Result noOut = MainTest.run("split", "--manifest", "m.csv");
        assertThat(noOut.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noOut.err()).startsWith("pxrcad: ").doesNotContain("Exception");
        MainTest.Result badFolds = MainTest.run("split", "--manifest", manifest().toString(), "--folds", "1", "--out", "x");
        assertThat(badFolds.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badFolds.err().lines()).singleElement().asString().isEqualTo("pxrcad: --folds must be >= 2 but was 1");
    }
}
