package io.pxrcad.cli;

import io.pxrcad.ProgressListener;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --resume} after the training process was killed with SIGKILL in the middle of
 * an epoch finishes the run, and its final weights equal those of an uninterrupted run with
 * the same seed (to 1e-6, on CPU).
 */
class ResumeAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void resumedRunMatchesAnUninterruptedOne() throws Exception {
        List<ManifestEntry> entries = CohortWriter.write(PhantomConfig.defaults().withSize(96).withSeed(5).withDifficulty(0),
                dir.resolve("data"), 64, 2, ProgressListener.NONE);
        Path manifest = dir.resolve("data/manifest.csv");
        ManifestWriter.write(manifest, entries);
        Path config = dir.resolve("run.yaml");
        // many small batches make each epoch long enough to be killed in its middle
        Files.writeString(config, "epochs: 4\nbatchSize: 4\nimageSize: 96\nroiInput: 32\nnumWorkers: 1\n");
        String[] common = {"train", "--manifest", manifest.toString(), "--preset", "tiny", "--config", config.toString(),
                "--device", "cpu", "--seed", "3"};

        Path whole = dir.resolve("whole");
        assertThat(Main.execute(concat(common, "--out", whole.toString()))).isZero();

        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(javaCommand(concat(common, "--out", killed.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path metrics = killed.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // wait until stage 1 has finished two epochs and is inside its third, then SIGKILL
        while (lines(metrics) < 2 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(20);
        assertThat(p.isAlive()).as("training still running when it was to be killed").isTrue();
        Thread.sleep(150);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL on Linux: no shutdown hooks run
        int before = lines(metrics);
        assertThat(before).isBetween(2, 2 * 4 - 1);
        assertThat(killed.resolve("model")).doesNotExist();

        assertThat(Main.execute(concat(common, "--out", killed.toString(), "--resume"))).isZero();
        assertThat(lines(metrics)).isEqualTo(2 * 4);
        for (String net : new String[] {"stage1", "stage2"}) {
            double diff = maxAbsDiff(whole.resolve("model/" + net + ".safetensors"), killed.resolve("model/" + net + ".safetensors"));
            // on failure, say where the runs parted: each epoch's validation figures and the kill point
            assertThat(diff).as(() -> net + " weights, resumed vs uninterrupted (killed after " + before + " lines)\nuninterrupted:\n"
                    + epochs(whole) + "resumed:\n" + epochs(killed)).isLessThanOrEqualTo(1e-6);
        }
    }

    private static String epochs(Path run) {
        try {
            StringBuilder s = new StringBuilder();
            for (io.pxrcad.train.EpochMetrics m : io.pxrcad.train.MetricsLog.inRun(run).read()) {
                s.append(String.format(java.util.Locale.ROOT, "  stage %d epoch %d: train loss %.6f, val loss %.6f, val AUC %.4f%n",
                        m.stage(), m.epoch(), m.trainLoss(), m.valLoss(), m.valAuc()));
            }
            return s.toString();
        } catch (java.io.IOException e) {
            return "  (metrics unreadable: " + e.getMessage() + ")\n";
        }
    }

    private static int lines(Path f) throws Exception {
        if (!Files.exists(f)) return 0;
        return (int) Files.readAllLines(f).stream().filter(l -> l.endsWith("}")).count();
    }

    private static double maxAbsDiff(Path a, Path b) throws Exception {
        try (NDManager nd = NDManager.newBaseManager(); InputStream ia = Files.newInputStream(a); InputStream ib = Files.newInputStream(b)) {
            NDList la = NDList.decode(nd, ia), lb = NDList.decode(nd, ib);
            assertThat(la.size()).isEqualTo(lb.size());
            double max = 0;
            for (int i = 0; i < la.size(); i++) {
                NDArray x = la.get(i), y = lb.get(i);
                assertThat(x.getName()).isEqualTo(y.getName());
                max = Math.max(max, x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                        .sub(y.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)).abs().max().getDouble());
            }
            return max;
        }
    }

    static List<String> javaCommand(String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("-Dai.djl.offline=true");
        // the same PyTorch threading as this JVM, where the other two runs happen: same arithmetic
        for (String prop : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            if (System.getProperty(prop) != null) cmd.add("-D" + prop + "=" + System.getProperty(prop));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
