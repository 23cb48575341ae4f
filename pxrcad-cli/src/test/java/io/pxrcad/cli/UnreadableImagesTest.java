package io.pxrcad.cli;

import io.pxrcad.data.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** train and cv check every image's header before any work and name all unreadable images in one run. */
class UnreadableImagesTest {
    @Test
    void trainAndCvListEveryUnreadableImageAtOnce(@TempDir Path dir) throws Exception {
        Path cohort = dir.resolve("cohort");
        MainTest.Result s = MainTest.run("synth", "--out", cohort.toString(), "--count", "12", "--size", "64",
                "--difficulty", "0", "--seed", "5");
        assertThat(s.code()).as(s.err()).isZero();
        List<String> rows = Files.readAllLines(cohort.resolve("manifest.csv"));
        List<String> broken = new ArrayList<>();
        for (int line : new int[] {3, 7, 11}) {
            String image = Csv.parse(rows.get(line - 1)).get(0).fields().get(0);
            Files.writeString(cohort.resolve(image), "truncated");
            broken.add(image);
        }
        String manifest = cohort.resolve("manifest.csv").toString();
        for (String[] args : List.of(
                new String[] {"train", "--manifest", manifest, "--out", dir.resolve("run").toString(), "--preset", "tiny"},
                new String[] {"cv", "--manifest", manifest, "--out", dir.resolve("cv").toString(), "--preset", "tiny",
                        "--folds", "2"})) {
            MainTest.Result r = MainTest.run(args);
            assertThat(r.code()).as(args[0] + ": " + r.err()).isEqualTo(Main.EXIT_DATA);
            for (String b : broken) assertThat(r.err()).as(args[0]).contains(b);
            assertThat(r.err()).as(args[0]).contains("3 problems").doesNotContain("Exception");
        }
    }
}
