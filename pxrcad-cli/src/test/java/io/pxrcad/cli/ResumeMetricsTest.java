package io.pxrcad.cli;

import io.pxrcad.ProgressListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code metrics.jsonl} keeps exactly one line per completed epoch, in order, when training is
 * killed (SIGKILL) twice during stage 2 and resumed each time: a resumed run passes through the
 * finished stage 1 and must not drop stage 2's lines.
 */
class ResumeMetricsTest {
    private static final int EPOCHS = 3;

    @TempDir
    Path dir;

    @Test
    void everyEpochKeepsOneLineThroughTwoKillsInStage2() throws Exception {
        List<ManifestEntry> entries = CohortWriter.write(PhantomConfig.defaults().withSize(64).withSeed(7).withDifficulty(0),
                dir.resolve("data"), 24, 2, ProgressListener.NONE);
        Path manifest = dir.resolve("data/manifest.csv");
        ManifestWriter.write(manifest, entries);
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "epochs: " + EPOCHS + "\nbatchSize: 4\nroiBatchSize: 4\nimageSize: 64\nroiInput: 32\nnumWorkers: 1\n");
        Path run = dir.resolve("run");
        String[] common = {"train", "--manifest", manifest.toString(), "--preset", "tiny", "--config", config.toString(),
                "--device", "cpu", "--seed", "3", "--out", run.toString()};
        Path metrics = run.resolve("metrics.jsonl");

        killAfterStage2Epoch(common, metrics, 1, "first");
        killAfterStage2Epoch(concat(common, "--resume"), metrics, 2, "second");
        assertThat(Main.execute(concat(common, "--resume"))).isZero();

        List<String> expected = new ArrayList<>();
        for (int stage = 1; stage <= 2; stage++) {
            for (int e = 1; e <= EPOCHS; e++) expected.add(stage + "/" + e);
        }
        assertThat(epochs(metrics)).containsExactlyElementsOf(expected);
    }

    /** Starts training in another JVM and SIGKILLs it as soon as stage 2 has logged {@code epoch}. */
    private void killAfterStage2Epoch(String[] args, Path metrics, int epoch, String which) throws Exception {
        Process p = new ProcessBuilder(ResumeAfterKillTest.javaCommand(args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(which + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!epochs(metrics).contains("2/" + epoch) && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(10);
        assertThat(p.isAlive()).as(which + " training still running in stage 2 when it was to be killed; log:\n"
                + Files.readString(dir.resolve(which + ".log"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(metrics.getParent().resolve("model")).doesNotExist();
    }

    /** {@code stage/epoch} of every complete line, in file order. */
    private static List<String> epochs(Path f) throws Exception {
        List<String> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(f)) {
            if (!line.endsWith("}")) continue;
            JsonNode o = json.readTree(line);
            out.add(o.get("stage").asInt() + "/" + o.get("epoch").asInt());
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
