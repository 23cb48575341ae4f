package io.pxrcad.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.FoldSummary;
import io.pxrcad.eval.Localisation;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.eval.Table1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 1 of a cross-validation in its three forms: {@code table1.md} (also printed by the CLI),
 * {@code table1.json} and {@code report.html} (with Figure 3: pooled ROC and PR curves).
 */
public final class Table1Report {
    public static final String MARKDOWN = "table1.md";
    public static final String JSON = "table1.json";
    public static final String HTML = "report.html";

    private Table1Report() {}

    public static String markdown(Table1 t) {
        StringBuilder sb = new StringBuilder("# Table 1: ").append(t.folds()).append("-fold cross-validation\n\n");
        sb.append("| Method | AUC | S@R95 | R@S95 | P@R95 |\n|---|---|---|---|---|\n");
        for (Table1.Row r : t.rows()) {
            FoldSummary s = r.summary();
            sb.append("| ").append(r.name()).append(" | ").append(s.auc().format(3)).append(" | ")
                    .append(s.sAtR95().format(3)).append(" | ").append(s.rAtS95().format(3)).append(" | ")
                    .append(s.pAtR95().format(3)).append(" |\n");
        }
        sb.append("\nMean ± sample sd over folds.\n\n## Pooled over folds\n\n")
                .append("| Method | AUC (95% CI) | S@R95 | R@S95 | P@R95 | p vs two-stage (DeLong) |\n|---|---|---|---|---|---|\n");
        for (Table1.Row r : t.rows()) {
            BinaryMetrics p = r.summary().pooled();
            PairedAucTest d = r.versusProposed();
            sb.append("| ").append(r.name()).append(" | ").append(f(p.auc())).append(" (").append(f(p.aucCiLow()))
                    .append("–").append(f(p.aucCiHigh())).append(") | ").append(f(p.sAtR95())).append(" | ")
                    .append(f(p.rAtS95())).append(" | ").append(f(p.pAtR95())).append(" | ")
                    .append(d == null ? "–" : MetricsTables.p(d.pValue())).append(" |\n");
        }
        Localisation l = t.localisation();
        if (l != null) {
            sb.append("\nTwo-stage ROI label accuracy (pointing game on the test images: detected ROI centre in a true box ± ½ map cell): ")
                    .append(l.roiLabelAccuracy().format()).append("  \nHeatmap maximum inside a true box: ")
                    .append(l.heatmapMaxInBox().format()).append("  \nHip/pelvic type accuracy on positives: ")
                    .append(l.typeAccuracy().format()).append('\n');
        }
        return sb.toString();
    }

    /** @param settings the run's settings, written first */
    public static String json(Table1 t, Map<String, Object> settings) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("settings", mapper.valueToTree(settings));
        root.put("folds", t.folds());
        ObjectNode methods = root.putObject("methods");
        for (Table1.Row r : t.rows()) {
            ObjectNode o = methods.putObject(r.id());
            o.put("name", r.name());
            o.setAll((ObjectNode) mapper.valueToTree(r.summary()));
            PairedAucTest d = r.versusProposed();
            if (d != null) {
                ObjectNode n = o.putObject("delong_vs_two_stage");
                n.put("auc_difference", d.difference());
                n.put("z", d.z());
                n.put("p_value", d.pValue());
            }
        }
        Localisation l = t.localisation();
        if (l != null) {
            root.set("roi_label_accuracy", mapper.valueToTree(l.roiLabelAccuracy()));
            root.set("heatmap_max_in_box", mapper.valueToTree(l.heatmapMaxInBox()));
            root.set("type_accuracy", mapper.valueToTree(l.typeAccuracy()));
        }
        ArrayNode sizes = root.putArray("test_images_per_fold");
        t.testImagesPerFold().forEach(sizes::add);
        return mapper.writeValueAsString(root) + "\n";
    }

    /** Writes {@link #MARKDOWN}, {@link #JSON} and {@link #HTML} into {@code dir}. */
    public static void write(Table1 t, Path dir, Map<String, Object> settings, String manifestName, String manifestSha)
            throws IOException {
        AtomicFiles.writeString(dir.resolve(MARKDOWN), markdown(t));
        AtomicFiles.writeString(dir.resolve(JSON), json(t, settings));
        html(t, settings, manifestName, manifestSha).write(dir.resolve(HTML));
    }

    static HtmlReport html(Table1 t, Map<String, Object> settings, String manifestName, String manifestSha) {
        Map<String, FoldSummary> byName = new LinkedHashMap<>();
        Map<String, RocCurve> roc = new LinkedHashMap<>();
        Map<String, PrCurve> pr = new LinkedHashMap<>();
        for (Table1.Row r : t.rows()) {
            byName.put(r.name(), r.summary());
            roc.put(r.name(), RocCurve.of(r.pooled()));
            pr.put(r.name(), PrCurve.of(r.pooled()));
        }
        HtmlReport h = HtmlReport.titled(t.folds() + "-fold cross-validation")
                .subtitle(t.rows().size() + " methods trained and tested on the same folds (METHOD.md, paper Table 1)")
                .meta("Manifest", manifestName).meta("Manifest SHA-256", manifestSha);
        settings.forEach((k, v) -> {
            if (!k.equals("manifestSha256")) h.meta(Character.toUpperCase(k.charAt(0)) + k.substring(1), String.valueOf(v));
        });
        h.section("Table 1").table(MetricsTables.folds("Image-level fracture detection, mean ± sd over folds and pooled.", byName));
        if (t.rows().stream().anyMatch(r -> r.versusProposed() != null)) h.table(delongTable(t));
        Localisation l = t.localisation();
        if (l != null) {
            h.table(new Table("Proposed two-stage: localisation and type (pooled over folds).", List.of("Measure", "Value"),
                    List.of(List.of("ROI label accuracy (detected ROI centre in a true box ± ½ map cell)", l.roiLabelAccuracy().format()),
                            List.of("Heatmap maximum inside a true box", l.heatmapMaxInBox().format()),
                            List.of("Hip/pelvic type accuracy on positives", l.typeAccuracy().format()))));
        }
        h.section("Figure 3").figures("ROC and precision-recall curves of all methods, test predictions pooled over folds.",
                Plots.roc("figure3-roc", "ROC (pooled)", roc), Plots.precisionRecall("figure3-pr", "Precision-recall (pooled)", pr));
        return h.section("Per fold").table(perFold(t));
    }

    private static Table delongTable(Table1 t) {
        List<List<String>> rows = new ArrayList<>();
        for (Table1.Row r : t.rows()) {
            PairedAucTest d = r.versusProposed();
            if (d == null) continue;
            rows.add(List.of(r.name(), f(d.aucA()), f(d.aucB()), f(d.difference()),
                    String.format(Locale.ROOT, "%.2f", d.z()), MetricsTables.p(d.pValue())));
        }
        return new Table("Proposed two-stage vs each method: paired DeLong test on the pooled test predictions.",
                List.of("Method", "AUC two-stage", "AUC method", "Difference", "z", "p"), rows);
    }

    private static Table perFold(Table1 t) {
        List<List<String>> rows = new ArrayList<>();
        for (int f = 0; f < t.folds(); f++) {
            for (Table1.Row r : t.rows()) {
                BinaryMetrics b = r.summary().folds().get(f);
                rows.add(List.of(Integer.toString(f + 1), r.name(), Integer.toString(b.n()),
                        Integer.toString(b.positives()), f(b.auc()), f(b.sAtR95()), f(b.rAtS95()), f(b.pAtR95())));
            }
        }
        return new Table("Test-part metrics of every fold.", List.of("Fold", "Method", "Images", "Positive", "AUC",
                "S@R95", "R@S95", "P@R95"), rows);
    }

    private static String f(double v) { return MetricsTables.f(v); }
}
