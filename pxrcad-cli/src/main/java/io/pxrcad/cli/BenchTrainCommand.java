package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.infer.ChainEvaluation;
import io.pxrcad.eval.Localisation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pxrcad.AtomicFiles;
import io.pxrcad.OutputFolder;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.EpochMetrics;
import io.pxrcad.train.MetricsLog;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.TwoStageTraining;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad bench train}: the two-stage method on a generated cohort, timed: phantoms, the
 * split of {@code pxrcad split} (fold 1 of 5), both stages with a preset, the chained detector on
 * the test part. Prints seconds per epoch of each stage (the first epoch apart: it decodes and
 * caches the images), the peak RSS of the process and the test AUC of the single-stage ({@code ps1})
 * and two-stage ({@code ps1*ps2}) scores with DeLong CIs and their paired test; {@code OUT/bench.json}
 * holds the same. The SHA-256 prefix of the trained stage-1 weights is the output checksum.
 * With {@code --seeds} the protocol runs once per seed and the table pools them ({@link SeedRow}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train and test the two-stage method on generated phantoms: s/epoch per stage, peak RSS, test AUCs.")
final class BenchTrainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GeneratedRunOptions generated = new GeneratedRunOptions(1000, 256, 0.5, "small");
    @CommandLine.Mixin
    DeviceOption deviceOption;
    @Option(names = "--out", defaultValue = "bench-train-out", description = "Working folder: data/, run/, bench.json (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--seeds", split = ",", paramLabel = "S",
            description = {"Run the whole protocol (cohort, split, training, test) once per seed, e.g. 1,2,3,4,5, each in",
                    "OUT/seed-S, then pool: a row per seed, mean +- sd, the paired DeLong test on the pooled test predictions.",
                    "Replaces --seed."})
    List<Long> seeds;
    @Override
    public Integer call() throws Exception {
        GeneratedRunOptions.Checked g = generated.checked();
        String device = deviceOption.checked();
        OutputFolder.requireNotFile(out, "--out");
        List<Long> runSeeds = seeds == null ? List.of(g.seed()) : List.copyOf(seeds);
        if (runSeeds.isEmpty() || runSeeds.stream().distinct().count() != runSeeds.size()) {
            throw new IllegalArgumentException("--seeds must name distinct seeds but was " + runSeeds);
        }
        for (long seed : runSeeds) {
            Path dir = folder(seed);
            if (Files.isDirectory(dir.resolve("run"))) {
                throw new IllegalArgumentException(dir.resolve("run") + " already holds a run: remove " + out + " or choose another --out");
            }
        }
        OutputFolder.prepare(out, "--out");
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "environment: Java %s, %s %s, %d cores, PyTorch threads %s, max heap %d MiB%n",
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "as cores"),
                Runtime.getRuntime().maxMemory() >> 20);
        w.flush();
        List<SeedRow> rows = new ArrayList<>();
        List<DetectionScoring.Scored> pooled = new ArrayList<>();
        for (long seed : runSeeds) {
            if (seeds != null) w.printf(Locale.ROOT, "%n== seed %d ==%n", seed);
            SeedRun run = runOne(g.withSeed(seed), device, folder(seed), w);
            rows.add(run.row());
            pooled.addAll(run.scored());
        }
        if (seeds != null) {
            Map<String, Object> json = SeedRow.print(rows, pooled, w);
            json.put("seeds", runSeeds);
            AtomicFiles.writeString(out.resolve("bench.json"), JSON.writeValueAsString(json));
            w.printf("wrote %s%n", out.resolve("bench.json"));
            w.flush();
        }
        return 0;
    }

    private Path folder(long seed) {
        return seeds == null ? out : out.resolve("seed-" + seed);
    }

    /** One seed's figures and its scored test images (for pooling). */
    record SeedRun(SeedRow row, List<DetectionScoring.Scored> scored) {}

    private SeedRun runOne(GeneratedRunOptions.Checked g, String device, Path dir, PrintWriter w) throws Exception {
        Preset p = g.preset();
        TrainConfig cfg = g.config();
        OutputFolder.prepare(dir, "--out");
        long t0 = System.nanoTime();
        GeneratedCohort cohort = GeneratedCohort.write(g.phantoms(), dir.resolve("data"), g.count(), g.seed());
        double synthSeconds = (System.nanoTime() - t0) / 1e9;
        w.printf(Locale.ROOT, "cohort: %d phantoms at %d px, difficulty %.2f, seed %d (%.0f s); fold 1 of 5: %d train / %d val / %d test%n",
                g.count(), g.size(), g.difficulty(), g.seed(), synthSeconds, cohort.train().size(), cohort.val().size(), cohort.test().size());
        w.printf(Locale.ROOT, "preset %s: %s / %s, %d epochs, batch %d images / %d ROIs, Adam %.0e, ROI %.3f of the image -> %d px, "
                        + "%s cells of S' per image, %s, stage 2 kept at its best validation %s, stage-1 loss on %s%n",
                p.id(), p.stage1().id(), p.stage2().id(), cfg.epochs(), cfg.batchSize(), cfg.roiBatchSize(), cfg.learningRate(),
                cfg.roiFraction(), cfg.roiInput(), (cfg.topRois() ? "the " + cfg.roisPerImage() + " highest" : cfg.roisPerImage() + " random")
                        + (cfg.positiveRoisPerImage() < cfg.roisPerImage() ? " (" + cfg.positiveRoisPerImage() + " in a positive image)" : ""),
                cfg.chainRois() == 1 ? "chained on the argmax cell" : "chained on the best of the " + cfg.chainRois() + " highest cells",
                cfg.stage2BestByLoss() ? "loss" : "AUC",
                (cfg.lseOfLogits() ? "LSE of logits" : "LSE of probabilities")
                        + (cfg.negativeCells() ? " + negatives' cells" : "") + (cfg.pseudoCells() ? " + pseudo cells" : "")
                        + (cfg.pseudoCells() && cfg.refineCellsAfter() > 0 ? " (chosen again from the maps every " + cfg.refineCellsAfter() + " epochs)" : "")
                        + (cfg.restartAfter() > 0 ? ", stage 1 started again from its initial weights after epoch " + cfg.restartAfter() : ""));
        w.flush();

        Path pretrained = g.pretrain() > 0 ? PhantomPretraining.run(g, g.pretrain(), g.pretrainEpochs(), dir, device, w) : null;
        long t1 = System.nanoTime();
        Path run = dir.resolve("run");
        TwoStageTraining.Result r = TwoStageTraining.run(cohort.manifest(), cohort.train(), cohort.val(),
                TwoStageTraining.Plan.of(p).withConfig(cfg).withDevice(device).withPretrained(pretrained, null), run, false,
                ConsoleProgress.logged());
        double trainSeconds = (System.nanoTime() - t1) / 1e9;

        List<DetectionScoring.Scored> scored;
        try (FractureDetector detector = FractureDetector.load(r.artifact().dir(), device)) {
            scored = DetectionScoring.run(detector, cohort.manifest(), cohort.test());
        }
        int n = scored.size();
        ChainEvaluation ev = ChainEvaluation.of(scored, "the test part of the generated cohort");
        BinaryMetrics m2 = ev.twoStageMetrics(), m1 = ev.singleStageMetrics();
        PairedAucTest paired = ev.twoStageVsSingle();
        Localisation summary = ev.localisation();
        double peakRss = ProcessMemory.peakRssMb();

        List<EpochMetrics> epochsRun = MetricsLog.inRun(run).read();
        double mined = SeedRow.minedRoiLabelAccuracy(epochsRun);
        Map<String, Object> json = new LinkedHashMap<>();
        w.printf("%-6s %7s %14s %16s %10s%n", "stage", "epochs", "first epoch s", "median s/epoch", "total s");
        for (int stage = 1; stage <= 2; stage++) {
            int st = stage;
            double[] s = epochsRun.stream().filter(e -> e.stage() == st).mapToDouble(EpochMetrics::seconds).toArray();
            double[] rest = Arrays.copyOfRange(s, Math.min(1, s.length), s.length);
            double first = s.length > 0 ? s[0] : Double.NaN, total = Arrays.stream(s).sum();
            double median = Median.of(rest.length > 0 ? rest : s);
            w.printf(Locale.ROOT, "%-6d %7d %14.1f %16.2f %10.0f%n", stage, s.length, first, median, total);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epochs", s.length);
            row.put("firstEpochSeconds", first);
            row.put("medianSecondsPerEpoch", median);
            row.put("totalSeconds", total);
            json.put("stage" + stage, row);
        }
        w.printf(Locale.ROOT, "training %.0f s in all; peak RSS %.0f MiB (VmHWM of this process: JVM, libtorch, image cache)%n",
                trainSeconds, peakRss);
        w.printf(Locale.ROOT, "test AUC on %d images: single-stage (ps1) %.3f [%.3f, %.3f], two-stage (ps1*ps2) %.3f [%.3f, %.3f], "
                        + "paired DeLong p %.3f%n", n, m1.auc(), m1.aucCiLow(), m1.aucCiHigh(), m2.auc(), m2.aucCiLow(),
                m2.aucCiHigh(), paired.pValue());
        w.printf("ROI label accuracy %s, heatmap maximum in a true box %s, type accuracy %s%n",
                summary.roiLabelAccuracy().format(), summary.heatmapMaxInBox().format(), summary.typeAccuracy().format());
        w.printf(Locale.ROOT, "mined probable-positive ROI label accuracy (training images, mean over stage-2 epochs) %.3f%n", mined);
        String checksum = r.artifact().metadata().networks().get(ModelArtifact.STAGE1).sha256().substring(0, 16);
        w.printf("checksum (SHA-256 of the stage-1 weights): %s%n", checksum);

        json.put("count", g.count());
        json.put("size", g.size());
        json.put("difficulty", g.difficulty());
        json.put("seed", g.seed());
        json.put("preset", p.id());
        json.put("config", cfg);
        json.put("pretrainImages", g.pretrain());
        json.put("pretrainEpochs", g.pretrain() > 0 ? g.pretrainEpochs() : 0);
        json.put("train", cohort.train().size());
        json.put("val", cohort.val().size());
        json.put("test", n);
        json.put("trainingSeconds", trainSeconds);
        json.put("peakRssMb", peakRss);
        json.put("singleStage", m1);
        json.put("twoStage", m2);
        json.put("pairedDeLongP", paired.pValue());
        json.put("roiLabelAccuracy", summary.roiLabelAccuracy());
        json.put("heatmapMaxInBox", summary.heatmapMaxInBox());
        json.put("typeAccuracy", summary.typeAccuracy());
        json.put("minedRoiLabelAccuracy", mined);
        json.put("stage1Sha256", checksum);
        AtomicFiles.writeString(dir.resolve("bench.json"), JSON.writeValueAsString(json));
        w.printf("wrote %s%n", dir.resolve("bench.json"));
        w.flush();
        return new SeedRun(new SeedRow(g.seed(), m1, m2, paired.pValue(), summary, mined), scored);
    }
}
