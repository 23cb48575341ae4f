package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a terminal (as in CI or a log file), train and predict print a line per epoch, not per
 * batch, and libtorch's native warnings (written straight to the process's stderr, so only a
 * child process shows them) do not appear.
 */
class QuietOutputTest {
    @Test
    void trainAndPredictWithoutATerminalAreQuiet(@TempDir Path dir) throws Exception {
        MainTest.Result s = MainTest.run("synth", "--out", dir.resolve("data").toString(), "--count", "24", "--size", "64",
                "--difficulty", "0", "--seed", "2");
        assertThat(s.code()).as(s.err()).isZero();
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "epochs: 2\nbatchSize: 2\nimageSize: 64\nroiInput: 32\nnumWorkers: 1\n");
        String train = child(dir, "train.log", "train", "--manifest", dir.resolve("data/manifest.csv").toString(),
                "--out", dir.resolve("run").toString(), "--preset", "tiny", "--config", config.toString(), "--device", "cpu");
        String predict = child(dir, "predict.log", "predict", "--model", dir.resolve("run/model").toString(),
                "--device", "cpu", dir.resolve("data/images").toString());
        for (String log : List.of(train, predict)) {
            // NNPACK's "Unsupported hardware" notice is hardware-specific and dropped by the launcher (see pxrcad)
            String rest = log.lines().filter(l -> !l.contains("Could not initialize NNPACK")).reduce("", (a, b) -> a + b + "\n");
            assertThat(rest).doesNotContainPattern("(?m)^\\[W\\d{4}").doesNotContain("deprecated").doesNotContain("\u001b[");
        }
        // 2 stages x 2 epochs of ~11 batches: epoch lines only
        assertThat(train.lines().filter(l -> l.contains("epoch")).count()).isBetween(4L, 8L);
        assertThat(train.lines().filter(l -> l.contains("Progress")).count()).isZero();
        assertThat(predict.lines().filter(l -> l.contains("Progress")).count()).isLessThanOrEqualTo(1);
    }

    private static String child(Path dir, String logName, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("-Dai.djl.offline=true");
        // the application's own logging (INFO), not the tests' quieter logback-test.xml
        cmd.add("-Dlogback.configurationFile=" + QuietOutputTest.class.getResource("/logback.xml"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path log = dir.resolve(logName);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("pxrcad " + args[0] + " finished").isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
