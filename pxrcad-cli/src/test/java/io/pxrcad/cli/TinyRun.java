package io.pxrcad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-stage model trained through the CLI in seconds (24 obvious 64-px phantoms, the tiny
 * preset, 2 epochs), one per JVM for the tests that only need some real model, in a temporary
 * folder removed when the JVM ends.
 */
final class TinyRun {
    private static Path model;

    private TinyRun() {}

    /** The model folder ({@code RUN/model}). */
    static synchronized Path model() throws IOException {
        if (model == null) {
            Path dir = Files.createTempDirectory("pxrcad-cli-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    io.pxrcad.OutputFolder.deleteTree(dir);
                } catch (IOException e) {
                    // a temporary folder left behind is harmless
                }
            }));
            MainTest.Result s = MainTest.run("synth", "--out", dir.resolve("data").toString(), "--count", "24", "--size", "64",
                    "--difficulty", "0", "--seed", "2");
            assertThat(s.code()).as(s.err()).isZero();
            Path config = dir.resolve("run.yaml");
            Files.writeString(config, "epochs: 2\nbatchSize: 2\nimageSize: 64\nroiInput: 32\nnumWorkers: 1\n");
            MainTest.Result t = MainTest.run("train", "--manifest", dir.resolve("data/manifest.csv").toString(),
                    "--out", dir.resolve("run").toString(), "--preset", "tiny", "--config", config.toString(), "--device", "cpu");
            assertThat(t.code()).as(t.err()).isZero();
            model = dir.resolve("run/model");
        }
        return model;
    }
}
