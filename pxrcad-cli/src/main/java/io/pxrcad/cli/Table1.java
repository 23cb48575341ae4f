package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.DeLong;
import io.pxrcad.eval.FoldSummary;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.eval.Share;
import io.pxrcad.report.HtmlReport;
import io.pxrcad.report.MetricsTables;
import io.pxrcad.report.Plots;
import io.pxrcad.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 1 of the paper from the score files of a finished cross-validation: per method mean
 * ± sd over folds and pooled AUC, S@R95, R@S95, P@R95; the paired DeLong test of the proposed
 * two-stage method against each other method on the pooled test predictions; ROI label
 * accuracy and type accuracy of the two-stage model; written as {@code table1.md},
 * {@code table1.json} and {@code report.html} (with Figure 3: pooled ROC and PR curves).
 */
final class Table1 {
    private final CvLayout layout;
    private final Map<CvMethod, List<ScoresFile>> files = new LinkedHashMap<>();
    private final Map<CvMethod, FoldSummary> summaries = new LinkedHashMap<>();
    private final Map<CvMethod, PairedAucTest> versusTwoStage = new LinkedHashMap<>();
    private DetectionScoring.Summary localisation;

    private Table1(CvLayout layout) {
        this.layout = layout;
    }

    /** Reads every score file of the layout (all must exist) and computes the table. */
    static Table1 of(CvLayout layout) throws IOException {
        Table1 t = new Table1(layout);
        for (CvMethod m : layout.methods()) {
            List<ScoresFile> folds = new ArrayList<>();
            List<BinaryScores> scores = new ArrayList<>();
            for (int f = 1; f <= layout.folds(); f++) {
                ScoresFile s = ScoresFile.read(layout.scores(f, m));
                folds.add(s);
                scores.add(BinaryScores.of(s.scores(), s.labels()));
            }
            t.files.put(m, folds);
            t.summaries.put(m, FoldSummary.of(scores));
        }
        if (t.files.containsKey(CvMethod.TWO_STAGE)) {
            BinaryScores two = t.pooled(CvMethod.TWO_STAGE);
            for (CvMethod m : layout.methods()) {
                if (m != CvMethod.TWO_STAGE) t.versusTwoStage.put(m, DeLong.compare(two, t.pooled(m)));
            }
            List<Boolean> roi = new ArrayList<>(), max = new ArrayList<>(), type = new ArrayList<>();
            for (ScoresFile s : t.files.get(CvMethod.TWO_STAGE)) {
                roi.addAll(s.roiHit());
                max.addAll(s.maxHit());
                type.addAll(s.typeCorrect());
            }
            t.localisation = DetectionScoring.summarise(roi, max, type);
        }
        return t;
    }

    /** All folds' test scores of a method in one order shared by every method (fold, then image). */
    BinaryScores pooled(CvMethod m) {
        List<ScoresFile> folds = files.get(m);
        List<ScoresFile> reference = files.values().iterator().next();
        int n = folds.stream().mapToInt(s -> s.images().size()).sum();
        double[] s = new double[n];
        int[] l = new int[n];
        int k = 0;
        for (int f = 0; f < folds.size(); f++) {
            ScoresFile a = folds.get(f);
            if (!a.images().equals(reference.get(f).images())) {
                throw new DataException(layout.scores(f + 1, m) + ": expected the same test images as "
                        + layout.scores(f + 1, layout.methods().get(0)) + " (was the manifest changed?)");
            }
            for (int i = 0; i < a.images().size(); i++, k++) {
                s[k] = a.scores()[i];
                l[k] = a.labels()[i];
            }
        }
        return BinaryScores.of(s, l);
    }

    Map<CvMethod, FoldSummary> summaries() { return summaries; }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Table 1: ").append(layout.folds()).append("-fold cross-validation\n\n");
        sb.append("| Method | AUC | S@R95 | R@S95 | P@R95 |\n|---|---|---|---|---|\n");
        summaries.forEach((m, s) -> sb.append("| ").append(m.display()).append(" | ").append(s.auc().format(3))
                .append(" | ").append(s.sAtR95().format(3)).append(" | ").append(s.rAtS95().format(3)).append(" | ")
                .append(s.pAtR95().format(3)).append(" |\n"));
        sb.append("\nMean ± sample sd over folds.\n\n## Pooled over folds\n\n")
                .append("| Method | AUC (95% CI) | S@R95 | R@S95 | P@R95 | p vs two-stage (DeLong) |\n|---|---|---|---|---|---|\n");
        summaries.forEach((m, s) -> {
            BinaryMetrics p = s.pooled();
            PairedAucTest t = versusTwoStage.get(m);
            sb.append("| ").append(m.display()).append(" | ").append(f(p.auc())).append(" (").append(f(p.aucCiLow()))
                    .append("–").append(f(p.aucCiHigh())).append(") | ").append(f(p.sAtR95())).append(" | ")
                    .append(f(p.rAtS95())).append(" | ").append(f(p.pAtR95())).append(" | ")
                    .append(t == null ? "–" : p(t.pValue())).append(" |\n");
        });
        if (localisation != null) {
            sb.append("\nTwo-stage ROI label accuracy (pointing game on the test images: detected ROI centre in a true box ± ½ map cell): ")
                    .append(localisation.roiLabelAccuracy().format()).append("  \nHeatmap maximum inside a true box: ")
                    .append(localisation.heatmapMaxInBox().format()).append("  \nHip/pelvic type accuracy on positives: ")
                    .append(localisation.typeAccuracy().format()).append('\n');
        }
        return sb.toString();
    }

    String json(Map<String, Object> settings) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("settings", mapper.valueToTree(settings));
        root.put("folds", layout.folds());
        ObjectNode methods = root.putObject("methods");
        summaries.forEach((m, s) -> {
            ObjectNode o = methods.putObject(m.id());
            o.put("name", m.display());
            o.setAll((ObjectNode) mapper.valueToTree(s));
            PairedAucTest t = versusTwoStage.get(m);
            if (t != null) {
                ObjectNode d = o.putObject("delong_vs_two_stage");
                d.put("auc_difference", t.difference());
                d.put("z", t.z());
                d.put("p_value", t.pValue());
            }
        });
        if (localisation != null) {
            root.set("roi_label_accuracy", mapper.valueToTree(localisation.roiLabelAccuracy()));
            root.set("heatmap_max_in_box", mapper.valueToTree(localisation.heatmapMaxInBox()));
            root.set("type_accuracy", mapper.valueToTree(localisation.typeAccuracy()));
        }
        ArrayNode sizes = root.putArray("test_images_per_fold");
        for (ScoresFile s : files.values().iterator().next()) sizes.add(s.images().size());
        return mapper.writeValueAsString(root) + "\n";
    }

    void write(Map<String, Object> settings, String manifestName, String manifestSha) throws IOException {
        AtomicFiles.writeString(layout.out().resolve("table1.md"), markdown());
        AtomicFiles.writeString(layout.out().resolve("table1.json"), json(settings));
        Map<String, FoldSummary> byName = new LinkedHashMap<>();
        Map<String, RocCurve> roc = new LinkedHashMap<>();
        Map<String, PrCurve> pr = new LinkedHashMap<>();
        summaries.forEach((m, s) -> {
            byName.put(m.display(), s);
            roc.put(m.display(), RocCurve.of(pooled(m)));
            pr.put(m.display(), PrCurve.of(pooled(m)));
        });
        HtmlReport r = HtmlReport.titled(layout.folds() + "-fold cross-validation")
                .subtitle(summaries.size() + " methods trained and tested on the same folds (METHOD.md, paper Table 1)")
                .meta("Manifest", manifestName).meta("Manifest SHA-256", manifestSha);
        settings.forEach((k, v) -> {
            if (!k.equals("manifestSha256")) r.meta(Character.toUpperCase(k.charAt(0)) + k.substring(1), String.valueOf(v));
        });
        r.section("Table 1").table(MetricsTables.folds("Image-level fracture detection, mean ± sd over folds and pooled.", byName));
        if (!versusTwoStage.isEmpty()) r.table(delongTable());
        if (localisation != null) {
            r.table(new Table("Proposed two-stage: localisation and type (pooled over folds).", List.of("Measure", "Value"),
                    List.of(List.of("ROI label accuracy (detected ROI centre in a true box ± ½ map cell)", localisation.roiLabelAccuracy().format()),
                            List.of("Heatmap maximum inside a true box", localisation.heatmapMaxInBox().format()),
                            List.of("Hip/pelvic type accuracy on positives", localisation.typeAccuracy().format()))));
        }
        r.section("Figure 3").figures("ROC and precision-recall curves of all methods, test predictions pooled over folds.",
                Plots.roc("figure3-roc", "ROC (pooled)", roc), Plots.precisionRecall("figure3-pr", "Precision-recall (pooled)", pr));
        r.section("Per fold").table(perFold());
        r.write(layout.out().resolve("report.html"));
    }

    private Table delongTable() {
        List<List<String>> rows = new ArrayList<>();
        versusTwoStage.forEach((m, t) -> rows.add(List.of(m.display(), f(t.aucA()), f(t.aucB()), f(t.difference()),
                String.format(Locale.ROOT, "%.2f", t.z()), p(t.pValue()))));
        return new Table("Proposed two-stage vs each method: paired DeLong test on the pooled test predictions.",
                List.of("Method", "AUC two-stage", "AUC method", "Difference", "z", "p"), rows);
    }

    private Table perFold() {
        List<List<String>> rows = new ArrayList<>();
        for (int f = 0; f < layout.folds(); f++) {
            for (Map.Entry<CvMethod, FoldSummary> e : summaries.entrySet()) {
                BinaryMetrics b = e.getValue().folds().get(f);
                rows.add(List.of(Integer.toString(f + 1), e.getKey().display(), Integer.toString(b.n()),
                        Integer.toString(b.positives()), f(b.auc()), f(b.sAtR95()), f(b.rAtS95()), f(b.pAtR95())));
            }
        }
        return new Table("Test-part metrics of every fold.", List.of("Fold", "Method", "Images", "Positive", "AUC",
                "S@R95", "R@S95", "P@R95"), rows);
    }

    static String f(double v) { return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v); }

    static String p(double v) { return v < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", v); }

    Share roiLabelAccuracy() { return localisation == null ? null : localisation.roiLabelAccuracy(); }
}
