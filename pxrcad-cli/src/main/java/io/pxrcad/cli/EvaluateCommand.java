package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;

import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ReadableManifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.Split;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.Calibration;
import io.pxrcad.eval.EvaluationSummary;
import io.pxrcad.eval.Localisation;
import io.pxrcad.infer.ChainEvaluation;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.report.GalleryItem;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.HtmlReport;
import io.pxrcad.report.MetricsTables;
import io.pxrcad.report.Plots;
import io.pxrcad.report.Png;
import io.pxrcad.report.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad evaluate}: a trained two-stage model on the images of a manifest (METHOD.md
 * "Evaluation"): predictions.csv, metrics.json (two-stage {@code ps1*ps2} and single-stage
 * {@code ps1} metrics, their paired DeLong test, ROI label accuracy, heatmap maxima in a box,
 * type accuracy) and a self-contained report.html.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained two-stage model on a manifest: predictions.csv, predictions.jsonl",
                "(the JSON form of predict), metrics.json, report.html.",
                "Uses the rows of --split when the manifest has a split column, else all rows."})
final class EvaluateCommand implements Callable<Integer> {
    static final int GALLERY_PER_CLASS = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (RUN/model).")
    Path model;

    @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest CSV: image,patient,label,type,boxes[,split] (see README).")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = {"Output folder; predictions.csv,",
            "predictions.jsonl, metrics.json and report.html there are replaced, other files left alone."})
    Path out;

    @Option(names = "--split", defaultValue = "test", description = "Part to evaluate when the manifest has a split column (default: ${DEFAULT-VALUE}).")
    String split;

    @CommandLine.Mixin
    DeviceOption deviceOption;

    @CommandLine.Mixin
    EngineOption engineOption;

    @CommandLine.Mixin
    BatchSizeOption batchSizeOption;

    @Option(names = "--skip-unreadable", description = {"Leave out images that cannot be read and report them "
            + "(on the console and in metrics.json) instead of stopping.",
            "Without it, every unreadable image is listed at once before any work starts."})
    boolean skipUnreadable;

    @Override
    public Integer call() throws Exception {
        Split part = Split.parse(split);
        String device = deviceOption.checked();
        InferenceEngine engine = engineOption.checked(device);
        int batchSize = batchSizeOption.checked();
        io.pxrcad.OutputFolder.check(out, "--out");
        ReadableManifest readable = skipUnreadable ? Manifest.loadReadable(manifest)
                : new ReadableManifest(Manifest.load(manifest), List.of());
        Manifest m = readable.manifest();
        List<ManifestEntry> entries = m.hasSplit() ? m.entries(part) : m.entries();
        if (entries.isEmpty()) {
            throw new DataException(manifest + ": expected images in split '" + part.label() + "' but found none");
        }
        List<DetectionScoring.Scored> scored;
        ArtifactInfo info;
        List<String> skipped = new ArrayList<>(readable.skipped());
        try (FractureDetector detector = FractureDetector.load(model, device, engine)) {
            info = detector.artifact().metadata().info();
            scored = DetectionScoring.run(detector, m, entries, skipUnreadable ? skipped : null, batchSize);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!skipped.isEmpty()) {
            w.println("skipped " + skipped.size() + " unreadable " + (skipped.size() == 1 ? "image:" : "images:"));
            skipped.forEach(s -> w.println("  " + s));
        }
        int n = scored.size();
        ChainEvaluation e = ChainEvaluation.of(scored, "evaluation of " + manifest
                + (m.hasSplit() ? " (split " + part.label() + ")" : ""));
        BinaryScores twoStage = e.twoStage(), singleStage = e.singleStage();
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        metrics.put("Two-stage (ps1·ps2)", e.twoStageMetrics());
        metrics.put("Single-stage (ps1)", e.singleStageMetrics());
        PairedAucTest test = e.twoStageVsSingle();
        Localisation summary = e.localisation();

        Files.createDirectories(out);
        DetectionScoring.writeCsv(out.resolve("predictions.csv"), scored);
        DetectionScoring.writeJsonLines(out.resolve("predictions.jsonl"), scored);
        AtomicFiles.writeString(out.resolve("metrics.json"), new EvaluationSummary(model.toString(), info.method(),
                manifest.toString(), m.hasSplit() ? part.label() : "all", n, skipped, metrics.get("Two-stage (ps1·ps2)"),
                metrics.get("Single-stage (ps1)"), test, summary, info.thresholds().suspicious(),
                info.thresholds().fracture()).toJson());
        report(m, part, scored, twoStage, singleStage, metrics, test, summary, info);
        BinaryMetrics t = metrics.get("Two-stage (ps1·ps2)");
        w.printf(Locale.ROOT, "%d images: two-stage AUC %.4f (single-stage %.4f, DeLong p %.4f); ROI label accuracy %s; "
                        + "type accuracy %s%n", n, t.auc(), metrics.get("Single-stage (ps1)").auc(), test.pValue(),
                summary.roiLabelAccuracy().format(), summary.typeAccuracy().format());
        w.printf("wrote %s, %s, %s, %s%n", out.resolve("predictions.csv"), out.resolve("predictions.jsonl"),
                out.resolve("metrics.json"), out.resolve("report.html"));
        w.flush();
        return 0;
    }

    private void report(Manifest m, Split part, List<DetectionScoring.Scored> scored, BinaryScores twoStage,
                        BinaryScores singleStage, Map<String, BinaryMetrics> metrics, PairedAucTest test,
                        Localisation summary, ArtifactInfo info) throws java.io.IOException {
        Map<String, RocCurve> roc = new LinkedHashMap<>();
        roc.put("Two-stage", RocCurve.of(twoStage));
        roc.put("Single-stage", RocCurve.of(singleStage));
        Map<String, PrCurve> pr = new LinkedHashMap<>();
        pr.put("Two-stage", PrCurve.of(twoStage));
        pr.put("Single-stage", PrCurve.of(singleStage));
        Map<String, Calibration> cal = new LinkedHashMap<>();
        cal.put("Two-stage", Calibration.of(twoStage, Calibration.DEFAULT_BINS));
        cal.put("Single-stage", Calibration.of(singleStage, Calibration.DEFAULT_BINS));
        Table loc = new Table("Localisation and fracture type.", List.of("Measure", "Value"), List.of(
                List.of("ROI label accuracy (detected ROI centre in a true box ± ½ map cell)", summary.roiLabelAccuracy().format()),
                List.of("Heatmap maximum inside a true box", summary.heatmapMaxInBox().format()),
                List.of("Hip/pelvic type accuracy on positives", summary.typeAccuracy().format()),
                List.of("Paired DeLong, two-stage − single-stage AUC", String.format(Locale.ROOT, "%.3f (p = %s)",
                        test.difference(), test.pValue() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", test.pValue())))),
                "Pointing game of METHOD.md on images with annotated boxes; counts in parentheses.");
        double threshold = info.thresholds().suspicious() == null ? 0.5 : info.thresholds().suspicious();
        HtmlReport.titled("Evaluation of " + info.method() + " model")
                .subtitle(scored.size() + " images of " + manifest.getFileName()
                        + (m.hasSplit() ? ", split " + part.label() : ""))
                .meta("Model", model.toString()).meta("Manifest SHA-256", m.sha256())
                .meta("Operating threshold", String.format(Locale.ROOT, "%.4f (95%% recall on validation)", threshold))
                .section("Summary").table(MetricsTables.binary("Image-level fracture detection.", metrics)).table(loc)
                .section("Curves")
                .figures("ROC and precision-recall curves.", Plots.roc("roc", "ROC", roc),
                        Plots.precisionRecall("pr", "Precision-recall", pr))
                .figures("Reliability diagram (10 equal-width bins).", Plots.reliability("calibration", "Calibration", cal))
                .gallery("Examples at the operating threshold (heatmap: stage-1 map, yellow: ROI, green dashed: true box)",
                        gallery(m, scored, threshold))
                .write(out.resolve("report.html"));
    }

    /** Up to two true positives, false positives, false negatives and true negatives, the most confident first. */
    static List<GalleryItem> gallery(Manifest m, List<DetectionScoring.Scored> scored, double threshold) {
        List<GalleryItem> items = new ArrayList<>();
        Comparator<DetectionScoring.Scored> high = Comparator.comparingDouble(s -> -s.detection().probability());
        String[] names = {"TP", "FP", "FN", "TN"};
        for (int c = 0; c < 4; c++) {
            int cls = c;
            List<DetectionScoring.Scored> group = scored.stream().filter(s -> {
                boolean pos = s.entry().positive();
                boolean pred = s.detection().probability() >= threshold;
                return cls == 0 ? pos && pred : cls == 1 ? !pos && pred : cls == 2 ? pos && !pred : !pos && !pred;
            }).sorted(cls < 2 ? high : high.reversed()).limit(GALLERY_PER_CLASS).toList();
            for (DetectionScoring.Scored s : group) {
                Detection d = s.detection();
                byte[] png = Png.encode(HeatmapOverlay.render(DetectionScoring.read(m, List.of(s.entry())).get(0), d.map(),
                        d.roi(), s.entry().boxes(), null, 256));
                items.add(new GalleryItem(String.format(Locale.ROOT, "%s · p = %.3f · truth %s, predicted %s · %s",
                        names[cls], d.probability(), s.entry().type().map(io.pxrcad.FractureType::label)
                                .orElse(s.entry().positive() ? "fracture" : "none"),
                        DetectionScoring.label(d.type()), Path.of(s.entry().image()).getFileName()), png));
            }
        }
        return items;
    }

}
