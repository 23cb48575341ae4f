package io.pxrcad.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --resume} continues a run only with the settings it was started with: a
 * different preset, image size, manifest or seed is refused with one line per setting, and the
 * run's {@code model.json} and {@code run.json} stay as they were; a folder without a run says
 * there is nothing to resume.
 */
class ResumeSettingsTest {
    @TempDir
    static Path dir;
    static String manifest;
    static Path run;

    @BeforeAll
    static void trainOneEpoch() {
        Path cohort = dir.resolve("cohort");
        assertThat(MainTest.run("synth", "--out", cohort.toString(), "--count", "16", "--size", "64", "--seed", "4").code()).isZero();
        manifest = cohort.resolve("manifest.csv").toString();
        run = dir.resolve("run");
        MainTest.Result r = MainTest.run(train(manifest, "--image-size", "64"));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static String[] train(String manifest, String... more) {
        String[] base = {"train", "--manifest", manifest, "--out", run.toString(), "--preset", "tiny", "--epochs", "1",
                "--device", "cpu", "--seed", "3"};
        String[] out = new String[base.length + more.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void differingSettingsAreRefusedOneLineEachAndNothingIsRewritten() throws Exception {
        byte[] model = Files.readAllBytes(run.resolve("model/model.json"));
        byte[] runJson = Files.readAllBytes(run.resolve("run.json"));
        String prefix = "pxrcad: cannot resume " + run + ": ";

        MainTest.Result r = MainTest.run(train(manifest, "--image-size", "96", "--resume"));
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).containsExactly(prefix + "imageSize differs (run.json: 64, now: 96)",
                "pxrcad: (use the settings the run was started with, or another --out)");

        r = MainTest.run("train", "--manifest", manifest, "--out", run.toString(), "--preset", "small", "--epochs", "1",
                "--device", "cpu", "--seed", "3", "--image-size", "64", "--resume");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo(prefix + "preset differs (run.json: tiny, now: small)");

        r = MainTest.run("train", "--manifest", manifest, "--out", run.toString(), "--preset", "tiny", "--epochs", "1",
                "--device", "cpu", "--seed", "9", "--image-size", "64", "--resume");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo(prefix + "seed differs (run.json: 3, now: 9)");

        Path other = dir.resolve("other");
        assertThat(MainTest.run("synth", "--out", other.toString(), "--count", "20", "--size", "64", "--seed", "5").code()).isZero();
        r = MainTest.run(train(other.resolve("manifest.csv").toString(), "--image-size", "64", "--resume"));
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().asString().startsWith(prefix + "manifest differs (run.json: sha256 ");

        assertThat(Files.readAllBytes(run.resolve("model/model.json"))).isEqualTo(model);
        assertThat(Files.readAllBytes(run.resolve("run.json"))).isEqualTo(runJson);
    }

    @Test
    void sameSettingsOnAnotherDeviceSpecAndWorkerCountResume() {
        MainTest.Result r = MainTest.run(train(manifest, "--image-size", "64", "--workers", "0", "--resume"));
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void withoutARunThereIsNothingToResume() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        MainTest.Result r = MainTest.run("train", "--manifest", manifest, "--out", empty.toString(), "--preset", "tiny",
                "--device", "cpu", "--resume");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).singleElement().isEqualTo("pxrcad: cannot resume " + empty
                + ": nothing to resume (no checkpoint in it yet); start the training without --resume");
        Path missing = dir.resolve("missing");
        r = MainTest.run("train", "--manifest", manifest, "--out", missing.toString(), "--preset", "tiny", "--device", "cpu", "--resume");
        assertThat(r.err().lines()).singleElement().isEqualTo("pxrcad: cannot resume " + missing
                + ": nothing to resume (no such folder); start the training without --resume");
        assertThat(missing).doesNotExist();
        assertThat(empty).isEmptyDirectory();
    }
}
