package io.pxrcad.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad option and config values are one usage line (exit 2) naming the option or the key and
 * file, never an internal error, and nothing is written before they are checked.
 */
class OptionValidationTest {
    @TempDir
    Path dir;
    String manifest;
    Path out;

    @BeforeEach
    void cohort() {
        Path cohort = dir.resolve("cohort");
        assertThat(MainTest.run("synth", "--out", cohort.toString(), "--count", "16", "--size", "64").code()).isZero();
        manifest = cohort.resolve("manifest.csv").toString();
        out = dir.resolve("run");
    }

    private void usageError(String firstLine, String... args) {
        MainTest.Result r = MainTest.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: " + firstLine);
        assertThat(out).as("nothing written before the check").doesNotExist();
    }

    @Test
    void trainOptions() {
        String[] train = {"train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny"};
        usageError("--image-size must be between 32 and 4096 but was 7", concat(train, "--image-size", "7"));
        usageError("--image-size must be between 32 and 4096 but was 100000", concat(train, "--image-size", "100000"));
        usageError("--epochs must be between 1 and 100000 but was 0", concat(train, "--epochs", "0"));
        usageError("--batch-size must be between 1 and 4096 but was -3", concat(train, "--batch-size", "-3"));
        usageError("--micro-batch must divide the batch size 8 but was 3", concat(train, "--micro-batch", "3"));
        usageError("--micro-batch must divide the batch size 8 but was 0", concat(train, "--micro-batch", "0"));
        usageError("--micro-batch must divide the batch size 4 but was 8", concat(train, "--batch-size", "4", "--micro-batch", "8"));
        usageError("--workers must be between 0 and 256 but was 100000", concat(train, "--workers", "100000"));
        usageError("--device: expected device auto, cpu or gpuN but was 'tpu'", concat(train, "--device", "tpu"));
        usageError("--device: device gpu9 requested but the PyTorch engine sees 0 GPU(s)", concat(train, "--device", "gpu9"));
    }

    /** Every command that runs a network shares one --device option, checked before any work. */
    @Test
    void everyDeviceOptionIsCheckedFirst() {
        String model = dir.resolve("no-model").toString();
        for (String[] args : List.of(
                new String[] {"predict", "--model", model, manifest},
                new String[] {"evaluate", "--model", model, "--manifest", manifest, "--out", out.toString()},
                new String[] {"reader-study", "--model", model, "--manifest", manifest, "--reads", manifest, "--out", out.toString()},
                new String[] {"demo", "--out", out.toString()})) {
            usageError("--device: expected device auto, cpu or gpuN but was 'tpu'", concat(args, "--device", "tpu"));
        }
    }

    @Test
    void configValuesNameTheKeyAndTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("run.yaml"), "imageSize: 100000\n");
        usageError("imageSize must be between 32 and 4096 but was 100000 in " + config,
                "train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny", "--config", config.toString());
        Files.writeString(config, "microBatch: 3\n");
        usageError("microBatch must divide batchSize 8 (or be 0: the whole batch at once) but was 3 in " + config,
                "train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny", "--config", config.toString());
        Files.writeString(config, "roiInput: 8\n");
        usageError("roiInput must be between 32 and 1024 but was 8 in " + config,
                "train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny", "--config", config.toString());
    }

    @Test
    void cvDemoAndBenchCheckBeforeWriting() {
        usageError("--epochs must be between 1 and 100000 but was 0",
                "cv", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny", "--epochs", "0");
        MainTest.Result r = MainTest.run("cv", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny",
                "--folds", "1000");
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA); // a data error: the manifest has too few patients
        assertThat(r.err().lines()).singleElement().asString().contains("cannot make 1000 folds");
        assertThat(out).doesNotExist();
        usageError("--device: expected device auto, cpu or gpuN but was 'gpu'",
                "cv", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny", "--device", "gpu");
        usageError("size must be in 64..4096 but was 7", "demo", "--out", out.toString(), "--size", "7");
        usageError("--epochs must be between 1 and 100000 but was -1", "demo", "--out", out.toString(), "--epochs", "-1");
        usageError("--pretrain must be between 0 and 1000000 but was -1", "demo", "--out", out.toString(), "--pretrain", "-1");
        usageError("--pretrain-epochs must be between 1 and 100000 but was 0", "bench", "train", "--out", out.toString(),
                "--pretrain-epochs", "0");
        usageError("--count must be between 1 and 1000000 but was 2000000000",
                "synth", "--out", out.toString(), "--count", "2000000000", "--size", "64");
        usageError("--folds must be >= 2 but was 1", "split", "--manifest", manifest, "--out", out.toString(), "--folds", "1");
        usageError("--count must be >= 40 but was 3", "bench", "train", "--out", out.toString(), "--count", "3");
    }

    /** --seed, --workers and --threads are one option each, checked alike in every command that has them. */
    @Test
    void sharedOptionsAreCheckedAlikeEverywhere() {
        for (String[] args : List.of(
                new String[] {"synth", "--out", out.toString(), "--count", "4", "--size", "64"},
                new String[] {"split", "--manifest", manifest, "--out", out.toString()},
                new String[] {"train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny"},
                new String[] {"cv", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny"},
                new String[] {"demo", "--out", out.toString()},
                new String[] {"bench", "train", "--out", out.toString()})) {
            usageError("Invalid value for option '--seed': expected an integer but was '1.5'", concat(args, "--seed", "1.5"));
        }
        for (String[] args : List.of(
                new String[] {"train", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny"},
                new String[] {"cv", "--manifest", manifest, "--out", out.toString(), "--preset", "tiny"})) {
            usageError("--workers must be between 0 and 256 but was -1", concat(args, "--workers", "-1"));
        }
        usageError("--threads must be between 1 and 256 but was 0",
                "synth", "--out", out.toString(), "--count", "4", "--size", "64", "--threads", "0");
        usageError("--threads must be between 1 and 256 but was 0", "bench", "synth", "--threads", "0");
    }

    /** Each command keeps its own seed default, and the help says which. */
    @Test
    void seedDefaultsDifferByCommand() {
        assertThat(MainTest.run("reader-study", "--help").out()).containsPattern("default: 20190101\\)");
        assertThat(MainTest.run("synth", "--help").out()).containsPattern("--seed=<seed>[^-]*default: 1\\)");
        assertThat(MainTest.run("train", "--help").out()).containsPattern("--seed=<seed>[^-]*default: the\\s+preset's\\)");
        assertThat(MainTest.run("cv", "--help").out()).containsPattern("--seed=<seed>[^-]*default: the\\s+preset's\\)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
