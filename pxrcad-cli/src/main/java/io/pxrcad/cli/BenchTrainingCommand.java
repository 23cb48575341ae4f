package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainingStepBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad bench training}: the cost of one stage-1 training step (forward, backward, Adam)
 * at the given image sizes, batches and micro-batches, each configuration in its own child JVM so
 * that its peak RSS (VmHWM) is its own: median and p95 seconds per step (one effective batch), per
 * forward/backward pass (the step's time less its update, over its passes) and of the Adam update, peak RSS, the resident set after
 * the first and the last step (equal when nothing leaks) and a checksum (the steps' losses and
 * the sum of the weights after them).
 */
@Command(name = "training", description = "Stage-1 training step time and peak RSS per image size and batch (one child JVM each).")
final class BenchTrainingCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "paper", description = "tiny, small or paper: the stage-1 network and learning rate (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--image-size", split = ",", defaultValue = "512,961", description = "Model input sides, one configuration each (default ${DEFAULT-VALUE}).")
    int[] imageSizes;

    @Option(names = "--batch", split = ",", defaultValue = "2,8", description = {"Images per Adam step (effective batch), one per image size or one for all (default ${DEFAULT-VALUE})."})
    int[] batches;

    @Option(names = "--micro-batch", split = ",", defaultValue = "2,1", description = {"Images per forward/backward pass (gradient accumulation below the batch),",
            "one per image size or one for all (default ${DEFAULT-VALUE})."})
    int[] microBatches;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps after one warm-up step (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--json", description = "One JSON object per configuration instead of the table.")
    boolean json;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @Option(names = "--child", hidden = true, description = "Internal: measure the one configuration in this JVM.")
    boolean child;

    @Override
    public Integer call() {
        Options.between("--steps", steps, 1, 1000);
        String device = deviceOption.checked();
        Preset p = Preset.parse(preset);
        List<TrainingStepBench.Setting> settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        if (child) {
            out.println("RESULT " + measure(p, settings.get(0), device));
            out.flush();
            return 0;
        }
        if (!json) {
            out.println(BenchEnvironment.line(TorchEngine.describe(device) + ", torch threads "
                    + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", interop threads "
                    + System.getProperty("ai.djl.pytorch.num_interop_threads", "default")));
            out.printf(Locale.ROOT, "method: %s preset's stage-1 network, Adam %.0e; a step = the training step of pxrcad train"
                            + " (forward, BCE of the LSE-pooled output, backward per pass, one Adam update) on seeded N(0,1)"
                            + " pixels; 1 warm-up step, then %d timed; one child JVM per row (peak RSS = its VmHWM)%n",
                    p.id(), p.config().learningRate(), steps);
            out.printf(Locale.ROOT, "%-5s %5s %5s %6s %9s %9s %9s %9s %8s %8s %15s  %s%n", "size", "batch", "micro", "passes",
                    "s/step", "step p95", "s/pass", "s/update", "images/s", "peak MB", "RSS 1st->last", "checksum (losses; weight sum)");
            out.flush();
        }
        for (TrainingStepBench.Setting s : settings) {
            List<String> args = new ArrayList<>(List.of("bench", "training", "--child", "--preset", p.id(),
                    "--image-size", Integer.toString(s.imageSize()), "--batch", Integer.toString(s.batch()),
                    "--micro-batch", Integer.toString(s.microBatch()), "--steps", Integer.toString(steps), "--device", device));
            JsonNode r;
            try {
                r = JSON.readTree(ChildJvm.result("3g", args, s.imageSize() + " px batch " + s.batch()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("unreadable result of the benchmark child: " + e.getOriginalMessage(), e);
            }
            if (json) {
                out.println(r);
            } else {
                JsonNode rss = r.get("rss_mb");
                out.printf(Locale.ROOT, "%-5d %5d %5d %6d %9.3f %9.3f %9.3f %9.3f %8.2f %8.0f %7.0f->%-7.0f  %s; %.6f%n",
                        s.imageSize(), s.batch(), s.microBatch(), s.passes(), r.at("/step_s/median").asDouble(),
                        r.at("/step_s/p95").asDouble(), r.at("/pass_s/median").asDouble(), r.at("/update_s/median").asDouble(),
                        r.get("images_per_s").asDouble(),
                        r.get("peak_rss_mb").asDouble(), rss.get(0).asDouble(), rss.get(rss.size() - 1).asDouble(),
                        r.get("losses").toString(), r.get("weight_sum").asDouble());
            }
            out.flush();
        }
        if (!json) out.println("  load average at the end: " + BenchEnvironment.loadAverage());
        return 0;
    }

    /** The configurations: image sizes paired with batches and micro-batches by position (a single value applies to all). */
    private List<TrainingStepBench.Setting> settings() {
        int n = imageSizes.length;
        List<TrainingStepBench.Setting> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int size = Options.between("--image-size", imageSizes[i], io.pxrcad.train.TrainConfig.MIN_IMAGE_SIZE,
                    io.pxrcad.train.TrainConfig.MAX_IMAGE_SIZE);
            int b = Options.between("--batch", at(batches, i, n, "--batch"), 1, 64);
            out.add(new TrainingStepBench.Setting(size, b, Options.microBatch(at(microBatches, i, n, "--micro-batch"), b)));
        }
        return out;
    }

    private static int at(int[] values, int i, int n, String name) {
        if (values.length == 1) return values[0];
        if (values.length != n) {
            throw new IllegalArgumentException(name + " needs one value or one per --image-size (" + n + ") but has " + values.length);
        }
        return values[i];
    }

    /** In the child: the configuration's figures as one JSON object. */
    private String measure(Preset p, TrainingStepBench.Setting s, String device) {
        TrainingStepBench.Result r = TrainingStepBench.run(p, s, steps, device, 17, ProcessMemory::residentMb);
        double[] perPass = new double[steps];
        for (int i = 0; i < steps; i++) perPass[i] = (r.stepSeconds()[i] - r.updateSeconds()[i]) / s.passes();
        ObjectNode o = JSON.createObjectNode();
        o.put("environment", BenchEnvironment.line(TorchEngine.describe(device) + ", torch threads "
                + System.getProperty("ai.djl.pytorch.num_threads", "default")));
        o.put("preset", p.id()).put("image_size", s.imageSize()).put("batch", s.batch()).put("micro_batch", s.microBatch())
                .put("passes", s.passes()).put("steps", steps);
        o.putObject("step_s").put("median", Median.of(r.stepSeconds())).put("p95", Median.p95(r.stepSeconds()));
        o.putObject("pass_s").put("median", Median.of(perPass)).put("p95", Median.p95(perPass));
        o.putObject("update_s").put("median", Median.of(r.updateSeconds())).put("p95", Median.p95(r.updateSeconds()));
        o.put("images_per_s", s.batch() / Median.of(r.stepSeconds()));
        o.put("peak_rss_mb", ProcessMemory.peakRssMb());
        var rss = o.putArray("rss_mb");
        for (double v : r.residentMb()) rss.add(v);
        var losses = o.putArray("losses");
        for (float v : r.losses()) losses.add(v);
        o.put("weight_sum", r.weightSum());
        return o.toString();
    }
}
