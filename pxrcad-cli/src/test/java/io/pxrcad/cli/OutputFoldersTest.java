package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reruns into a used folder leave no stale output of the command and never touch other files;
 * an {@code --out} that is a file, or a folder that cannot be written, is one line naming what
 * the user gave, before anything is written.
 */
class OutputFoldersTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void synthWithFewerImagesLeavesNoStaleImage() throws Exception {
        Path out = dir.resolve("cohort");
        assertThat(MainTest.run("synth", "--out", out.toString(), "--count", "10", "--size", "64", "--readers", "2").code()).isZero();
        Files.writeString(out.resolve("images/notes.txt"), "mine");
        Files.writeString(out.resolve("README"), "mine");
        MainTest.Result r = MainTest.run("synth", "--out", out.toString(), "--count", "5", "--size", "64");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(names(out.resolve("images"))).containsExactly("000000.png", "000001.png", "000002.png", "000003.png",
                "000004.png", "notes.txt");
        assertThat(names(out)).containsExactly("README", "images", "manifest.csv"); // reads.csv answered the old cohort
        assertThat(Files.readAllLines(out.resolve("manifest.csv"))).hasSize(1 + 5);
    }

    @Test
    void splitWithFewerFoldsLeavesNoStaleFold() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(MainTest.run("synth", "--out", cohort.toString(), "--count", "30", "--size", "64").code()).isZero();
        Path out = dir.resolve("folds");
        String m = cohort.resolve("manifest.csv").toString();
        assertThat(MainTest.run("split", "--manifest", m, "--folds", "5", "--out", out.toString()).code()).isZero();
        Files.writeString(out.resolve("fold-notes.txt"), "mine");
        MainTest.Result r = MainTest.run("split", "--manifest", m, "--folds", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(names(out)).containsExactly("fold-1.csv", "fold-2.csv", "fold-3.csv", "fold-notes.txt", "run.json");
    }

    @Test
    void anOutThatIsAFileIsRefusedByEveryWriter() throws Exception {
        Path file = Files.writeString(dir.resolve("data.csv"), "image,patient,label\n");
        String f = file.toString();
        List<String[]> commands = List.of(
                new String[] {"synth", "--out", f, "--count", "2", "--size", "64"},
                new String[] {"split", "--manifest", f, "--out", f},
                new String[] {"train", "--manifest", f, "--out", f, "--preset", "tiny", "--device", "cpu"},
                new String[] {"cv", "--manifest", f, "--out", f, "--preset", "tiny", "--device", "cpu"},
                new String[] {"evaluate", "--model", f, "--manifest", f, "--out", f, "--device", "cpu"},
                new String[] {"demo", "--out", f, "--count", "40", "--device", "cpu"},
                new String[] {"bench", "train", "--out", f, "--count", "40", "--device", "cpu"},
                new String[] {"predict", "--model", f, "--heatmaps", f, "--device", "cpu", f});
        for (String[] c : commands) {
            MainTest.Result r = MainTest.run(c);
            String option = c[0].equals("predict") ? "--heatmaps" : "--out";
            assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err().lines()).as(c[0]).first().isEqualTo("pxrcad: " + option + " " + f + " is a file, expected a folder");
        }
        assertThat(Files.readString(file)).isEqualTo("image,patient,label\n");
        assertThat(names(dir)).containsExactly("data.csv");
    }

    @Test
    void aReadOnlyFolderIsNamedAsGiven() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "the file system lets this user write into read-only folders (root)");
            MainTest.Result r = MainTest.run("synth", "--out", ro.toString(), "--count", "2", "--size", "64");
            assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
            assertThat(r.err().lines()).singleElement().isEqualTo("pxrcad: cannot write into --out folder " + ro + ": permission denied");
            r = MainTest.run("synth", "--out", ro.resolve("sub").toString(), "--count", "2", "--size", "64");
            assertThat(r.err().lines()).singleElement().isEqualTo("pxrcad: cannot create --out folder " + ro.resolve("sub")
                    + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
