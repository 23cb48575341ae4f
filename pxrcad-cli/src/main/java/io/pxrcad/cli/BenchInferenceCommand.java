package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.OutputFolder;
import io.pxrcad.ProgressListener;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.infer.ImageInput;
import io.pxrcad.infer.InferenceBench;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.onnx.Engines;
import io.pxrcad.onnx.Precision;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.UntrainedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad bench inference}: the chained pass step by step (decode, preprocess, stage 1,
 * stage 2, total: median and p95 per batch), images per second at each batch size, peak RSS and a
 * checksum of the outputs, for each engine and precision in its own child JVM on the same model
 * and images, so that they are compared in one run (int8 on the onnx engine only: a djl int8 pair
 * is left out, and asking only for such pairs is a usage error). Without {@code --model}, the preset's networks with
 * seeded initial weights (their cost does not depend on the weights).
 */
@Command(name = "inference", description = "Per-stage inference time, throughput and peak RSS of engines (one child JVM each).")
final class BenchInferenceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Two-stage model folder (default: the preset's untrained networks).")
    Path model;

    @Option(names = "--preset", defaultValue = "paper", description = "tiny, small or paper: the networks without --model (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--image-size", description = "Model input side without --model (default: the preset's).")
    Integer imageSize;

    @Option(names = "--engine", split = ",", defaultValue = "djl,onnx", description = "Engines to compare (default ${DEFAULT-VALUE}).")
    String[] engines;

    @Option(names = "--precision", split = ",", defaultValue = "fp32",
            description = "Precisions to compare: fp32, int8 (onnx only; calibrated on phantoms at load) (default ${DEFAULT-VALUE}).")
    String[] precisions;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,4", description = "Batch sizes (default ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--runs", defaultValue = "5", description = "Timed rounds after one warm-up batch (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "One JSON object per engine instead of the table.")
    boolean json;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @Option(names = "--child", hidden = true, description = "Internal: measure ENGINE on WORK/model with WORK/images in this JVM.")
    String child;

    @Option(names = "--work", hidden = true, description = "Internal: the parent's folder.")
    Path work;

    @Override
    public Integer call() throws Exception {
        Options.between("--runs", runs, 1, 1000);
        for (int b : batchSizes) Options.between("--batch-sizes", b, 1, 64);
        String device = deviceOption.checked();
        for (String e : engines) {
            try {
                Engines.named(e, device);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("--engine: " + ex.getMessage(), ex);
            }
        }
        List<String[]> pairs = pairs(device);
        PrintWriter out = spec.commandLine().getOut();
        if (child != null) {
            out.println("RESULT " + measure(child, EngineOption.precision(precisions[0]), device));
            out.flush();
            return 0;
        }
        Preset p = Preset.parse(preset);
        int size = imageSize != null ? Options.between("--image-size", imageSize, TrainConfig.MIN_IMAGE_SIZE, TrainConfig.MAX_IMAGE_SIZE)
                : p.config().imageSize();
        Path dir = Files.createTempDirectory("pxrcad-bench-inference");
        try {
            Path m = model != null ? ModelArtifact.load(model).dir() : UntrainedModel.save(dir.resolve("model"), p, size, 17).dir();
            int side = ModelArtifact.load(m).metadata().info().preprocessing().imageSize();
            CohortWriter.write(PhantomConfig.defaults().withSize(side).withSeed(5), dir.resolve("cohort"),
                    Arrays.stream(batchSizes).max().orElse(1), 2, ProgressListener.NONE);
            if (!json) {
                out.printf(Locale.ROOT, "method: %s, %d px phantom PNGs (decoded each time), model input %d px; per batch"
                                + " size 1 warm-up batch, then %d rounds in which the batch sizes take turns; one child JVM per"
                                + " engine and precision (peak RSS = its VmHWM); %d cores%n",
                        model != null ? "model " + model : "untrained " + p.id() + " networks", side, side, runs,
                        Runtime.getRuntime().availableProcessors());
                out.printf(Locale.ROOT, "%-6s %-5s %-5s %9s %9s %9s %9s %9s %9s %8s %8s  %s%n", "engine", "prec", "batch", "decode", "preproc",
                        "stage1", "stage2", "total", "total p95", "images/s", "RSS MB", "checksum");
                out.flush();
            }
            for (String[] pair : pairs) {
                String e = pair[0], prec = pair[1];
                List<String> args = new ArrayList<>(List.of("bench", "inference", "--child", e, "--precision", prec, "--work",
                        dir.toString(), "--model", m.toString(), "--runs", Integer.toString(runs), "--device", device, "--batch-sizes"));
                args.add(String.join(",", Arrays.stream(batchSizes).mapToObj(Integer::toString).toList()));
                JsonNode r = JSON.readTree(ChildJvm.result("3g", args, "engine " + e + " " + prec));
                if (json) {
                    out.println(JSON.writeValueAsString(r));
                } else {
                    for (JsonNode b : r.get("batches")) {
                        out.printf(Locale.ROOT, "%-6s %-5s %-5d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %8.2f %8.0f  %.6f%n", e,
                                prec, b.get("batch").asInt(), b.at("/decode_ms/median").asDouble(), b.at("/preprocess_ms/median").asDouble(),
                                b.at("/stage1_ms/median").asDouble(), b.at("/stage2_ms/median").asDouble(),
                                b.at("/total_ms/median").asDouble(), b.at("/total_ms/p95").asDouble(),
                                b.get("images_per_s").asDouble(), r.get("peak_rss_mb").asDouble(), b.get("checksum").asDouble());
                    }
                    out.println("  " + e + " " + prec + ": " + r.get("environment").asText());
                }
                out.flush();
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
        return 0;
    }

    /**
     * The (engine, precision) pairs to measure, engines first: every pair the engines can run (int8
     * is onnx's only); none is a usage error.
     */
    private List<String[]> pairs(String device) {
        List<String[]> pairs = new ArrayList<>();
        IllegalArgumentException refused = null;
        for (String e : engines) {
            for (String p : precisions) {
                try {
                    Engines.named(e, device, EngineOption.precision(p));
                    pairs.add(new String[] {e.trim().toLowerCase(Locale.ROOT), EngineOption.precision(p).id()});
                } catch (IllegalArgumentException ex) {
                    if (ex.getMessage().startsWith("--precision")) throw ex;
                    refused = ex;
                }
            }
        }
        if (pairs.isEmpty()) throw new IllegalArgumentException("--precision: " + refused.getMessage(), refused);
        return pairs;
    }

    /** In the child: the engine's figures as one JSON object (times of batch 1 at the top level, all batches below). */
    private String measure(String engineName, Precision precision, String device) throws Exception {
        InferenceEngine engine = Engines.named(engineName, device, precision);
        ModelArtifact artifact = ModelArtifact.load(model);
        List<ImageInput> images;
        try (var files = Files.walk(work.resolve("cohort"))) {
            images = files.filter(f -> f.toString().endsWith(".png")).sorted().map(ImageInput::of).toList();
        }
        List<InferenceBench.BatchResult> results = InferenceBench.run(artifact, engine, device, images, batchSizes, runs);
        ObjectNode o = JSON.createObjectNode();
        o.put("engine", engineName).put("precision", precision.id()).put("environment", engine.describe(device) + ", Java " + System.getProperty("java.version"))
                .put("model_version", artifact.version()).put("image_size", artifact.metadata().info().preprocessing().imageSize())
                .put("runs", runs);
        ArrayNode batches = o.putArray("batches");
        for (InferenceBench.BatchResult r : results) {
            ObjectNode b = batches.addObject();
            b.put("batch", r.batch());
            InferenceBench.Timings t = r.timings();
            stat(b, "decode_ms", t.decode());
            stat(b, "preprocess_ms", t.preprocess());
            stat(b, "stage1_ms", t.stage1());
            stat(b, "stage2_ms", t.stage2());
            stat(b, "total_ms", t.total());
            b.put("images_per_s", r.batch() * 1000.0 / Median.of(t.total()));
            b.put("checksum", r.checksum());
        }
        JsonNode first = batches.get(0);
        for (String k : List.of("decode_ms", "preprocess_ms", "stage1_ms", "stage2_ms", "total_ms")) o.set(k, first.get(k));
        ObjectNode rate = o.putObject("images_per_s");
        for (JsonNode b : batches) rate.put(b.get("batch").asText(), b.get("images_per_s").asDouble());
        o.put("peak_rss_mb", ProcessMemory.peakRssMb());
        return JSON.writeValueAsString(o);
    }

    private static void stat(ObjectNode o, String name, double[] ms) {
        o.putObject(name).put("median", Median.of(ms)).put("p95", Median.p95(ms));
    }
}
