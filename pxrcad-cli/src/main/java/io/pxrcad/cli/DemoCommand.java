package io.pxrcad.cli;

import io.pxrcad.OutputFolder;
import io.pxrcad.Radiograph;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.report.GalleryItem;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.HtmlReport;
import io.pxrcad.report.TwoStageFinding;
import io.pxrcad.infer.ChainEvaluation;
import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.report.Png;
import io.pxrcad.report.MetricsTables;
import io.pxrcad.report.Plots;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TrainConfig;
import io.pxrcad.train.TwoStageTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad demo}: the whole method end to end on a generated cohort — phantoms, a
 * patient-grouped split, both stages trained, the chained detector on the held-out test part,
 * metrics, ROC/PR plots and a heatmap gallery in {@code report.html}.
 */
@Command(name = "demo", description = "End-to-end demo on synthetic phantoms: synth, split, train, detect, report.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--out", defaultValue = "demo-out", description = {"Output folder (default: ${DEFAULT-VALUE}).",
            "An earlier demo there is replaced; a folder with other files is refused."})
    Path out;

    @CommandLine.Mixin
    GeneratedRunOptions generated = new GeneratedRunOptions(1000, 256, 0.25, "small", 500, DemoCommand::recipe);

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Option(names = "--quick", description = {"A first look in under 3 minutes on 2 cores: " + QUICK_COUNT + " phantoms of difficulty "
            + QUICK_DIFFICULTY + " (displaced fractures), " + QUICK_EPOCHS + " epochs per stage", "and pretraining on " + QUICK_PRETRAIN
            + " unlabelled phantoms, unless --count, --difficulty, --epochs or --pretrain say otherwise",
            "(fewer test images: wider intervals; 200 phantoms of difficulty 0.25 were not learnt in 20 epochs)."})
    boolean quick;

    /** The folder of the unlabelled phantoms and the pretrained backbone ({@code --pretrain}). */
    private static final String PRETRAIN = "pretrain";

    /**
     * The training the demo runs unless {@code --config} names another: {@code docs/configs/pseudo-cells.yaml}
     * over the preset (cell targets from the labels, stage 2 on each image's highest cells and chained over
     * the best of five, stage 2 kept at its lowest validation loss), the setting in which bench train
     * measured the two-stage advantage (README, Known limitations).
     */
    static TrainConfig recipe(TrainConfig preset) {
        return preset.withLseOfLogits(true).withPseudoCells(true).withPatience(40).withTopRois(true).withRoisPerImage(3)
                .withChainRois(5).withStage2BestByLoss(true);
    }

    static final int QUICK_PRETRAIN = 200;
    static final int QUICK_COUNT = 200;
    static final int QUICK_DIFFICULTY = 0;
    static final int QUICK_EPOCHS = 20;

    @Override
    public Integer call() throws Exception {
        if (quick) generated.defaultsUnlessGiven(spec.commandLine().getParseResult(), QUICK_COUNT, QUICK_DIFFICULTY, QUICK_EPOCHS,
                QUICK_PRETRAIN);
        GeneratedRunOptions.Checked g = generated.checked();
        Preset p = g.preset();
        TrainConfig cfg = g.config();
        String device = deviceOption.checked();
        OutputFolder.requireNotFile(out, "--out");
        Path run = out.resolve("run");
        if (Files.isDirectory(run)) {
            // an earlier demo's folder is the demo's own: replaced; anything else in it is refused
            List<String> foreign = foreign(out);
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException(out + " holds files the demo did not write (" + String.join(", ", foreign)
                        + "): remove them or choose another --out");
            }
            OutputFolder.deleteTree(run);
            OutputFolder.deleteTree(out.resolve(PRETRAIN));
        }
        OutputFolder.prepare(out, "--out");
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path data = out.resolve("data");
        w.printf("1/4 generating %d phantoms (%d px, difficulty %.2f) in %s%n", g.count(), g.size(), g.difficulty(), data);
        w.flush();
        GeneratedCohort cohort = GeneratedCohort.write(g.phantoms(), data, g.count(), g.seed());
        Manifest manifest = cohort.manifest();
        List<ManifestEntry> train = cohort.train(), val = cohort.val(), test = cohort.test();

        w.printf("2/4 training both stages (%s preset, %d epochs each) on %d images, validating on %d%s%n",
                p.id(), cfg.epochs(), train.size(), val.size(),
                g.pretrain() > 0 ? ", stage 1 from a backbone pretrained on " + g.pretrain() + " unlabelled phantoms" : "");
        w.flush();
        Path pretrained = g.pretrain() > 0
                ? PhantomPretraining.run(g, g.pretrain(), g.pretrainEpochs(), out.resolve(PRETRAIN), device, w) : null;
        TwoStageTraining.Result r = TwoStageTraining.run(manifest, train, val,
                TwoStageTraining.Plan.of(p).withConfig(cfg).withDevice(device).withPretrained(pretrained, null), run, false,
                ConsoleProgress.logged());

        w.printf("3/4 detecting on %d held-out test images%n", test.size());
        w.flush();
        List<DetectionScoring.Scored> scored = new ArrayList<>(test.size());
        List<GalleryItem> gallery = new ArrayList<>();
        Path heatmaps = out.resolve("heatmaps");
        OutputFolder.removeOwn(heatmaps, n -> n.endsWith(".heatmap.png"));
        try (FractureDetector detector = FractureDetector.load(r.artifact().dir(), device)) {
            for (int i = 0; i < test.size(); i++) {
                ManifestEntry e = test.get(i);
                Radiograph img = ImageReaders.read(manifest.resolve(e));
                Detection d = detector.detect(img);
                scored.add(DetectionScoring.judge(e, d));
                String caption = String.format(Locale.ROOT, "%s: truth %s, p=%.2f %s", Path.of(e.image()).getFileName(),
                        e.positive() ? e.type().map(t -> t.label()).orElse("fracture") : "none", d.probability(), d.band().label());
                byte[] png = Png.encode(HeatmapOverlay.render(img, d.map(), d.roi(), String.format(Locale.ROOT, "p=%.2f %s",
                        d.probability(), d.band().label()), 512));
                io.pxrcad.AtomicFiles.writeBytes(heatmaps.resolve(Path.of(e.image()).getFileName() + ".heatmap.png"), png);
                if (gallery.size() < 12) gallery.add(new GalleryItem(caption, png));
            }
        }
        w.println("4/4 writing the report");
        ChainEvaluation ev = ChainEvaluation.of(scored, "the demo's test part");
        BinaryScores twoStage = ev.twoStage(), singleStage = ev.singleStage();
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        metrics.put("Two-stage (ps1*ps2)", ev.twoStageMetrics());
        metrics.put("Single-stage (ps1)", ev.singleStageMetrics());
        String claim = TwoStageFinding.claim(ev), where = TwoStageFinding.localisation(ev);
        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        rocs.put("Two-stage", RocCurve.of(twoStage));
        rocs.put("Single-stage", RocCurve.of(singleStage));
        Map<String, PrCurve> prs = new LinkedHashMap<>();
        prs.put("Two-stage", PrCurve.of(twoStage));
        prs.put("Single-stage", PrCurve.of(singleStage));
        Path report = out.resolve("report.html");
        HtmlReport page = HtmlReport.titled("pxrcad demo: two-stage fracture detection on synthetic phantoms")
                .subtitle("Research software, not a cleared medical device. Synthetic data: figures are not comparable with the paper's.")
                .meta("images", g.count() + " phantoms at " + g.size() + " px, difficulty " + g.difficulty())
                .meta("split", train.size() + " train / " + val.size() + " val / " + test.size() + " test (patient-grouped)")
                .meta("preset", p.id() + (generated.configFile() == null ? "" : " with " + generated.configFile().getFileName()) + ", " + cfg.epochs()
                        + " epochs per stage, seed " + g.seed()
                        + (g.pretrain() > 0 ? "; stage 1's backbone pretrained on " + g.pretrain() + " unlabelled phantoms" : ""))
                .section("What the demo found")
                .paragraph(claim)
                .paragraph(where)
                .section("Test-set metrics");
        if (metrics.get("Two-stage (ps1*ps2)").auc() < 0.7) {
            page.callout("The model has not learned these synthetic fractures (test AUC below 0.7). Networks trained from "
                    + "scratch on a few hundred phantoms need conspicuous fractures: lower --difficulty, or give more "
                    + "phantoms (--count) or epochs (see README, Known limitations).");
        }
        page.table(MetricsTables.binary("Held-out test images", metrics))
                .figures("ROC and precision-recall curves on the test images",
                        Plots.roc("roc", "ROC", rocs), Plots.precisionRecall("pr", "Precision-recall", prs))
                .gallery("Test images with the stage-1 heatmap and the ROI classified by stage 2", gallery)
                .write(report);
        w.printf("done in %.0f s: %s%n%s%n", (System.nanoTime() - t0) / 1e9, claim, where);
        w.printf("model %s%nreport %s%nheatmaps %s%n", r.artifact().dir(), report, heatmaps);
        w.flush();
        return 0;
    }

    /** Entries of a used output folder that are not the demo's own outputs. */
    private static List<String> foreign(Path out) throws java.io.IOException {
        java.util.Set<String> own = java.util.Set.of("data", "run", "heatmaps", "report.html", PRETRAIN);
        try (java.util.stream.Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !own.contains(n)).sorted().toList();
        }
    }
}
