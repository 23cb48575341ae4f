package io.pxrcad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.Calibration;
import io.pxrcad.eval.DeLong;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import io.pxrcad.eval.ScoresCsv;
import io.pxrcad.report.Plots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad metrics}: the metrics of any scores file (METHOD.md "Evaluation"), as a table
 * or JSON, optionally with the paired DeLong test of a second score column and plots.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"AUC with DeLong 95%% CI, S@R95, R@S95, P@R95, average precision, Brier and ECE of a scores CSV.",
                "With --compare-col, the paired DeLong test of the two columns on the same images."})
final class MetricsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scores", required = true, paramLabel = "FILE.csv", description = "CSV with a header line.")
    Path scores;

    @Option(names = "--label-col", defaultValue = "label", description = "Label column (default: ${DEFAULT-VALUE}).")
    String labelCol;

    @Option(names = "--score-col", defaultValue = "score", description = "Score column (default: ${DEFAULT-VALUE}).")
    String scoreCol;

    @Option(names = "--compare-col", paramLabel = "COLUMN", description = "Second score column for the paired DeLong test.")
    String compareCol;

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "Label value of the positive class when labels are not 0/1 (exactly two distinct values).")
    String positive;

    @Option(names = "--ece-bins", defaultValue = "10", description = "Equal-width bins for ECE (default: ${DEFAULT-VALUE}).")
    int eceBins;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write roc, pr (and calibration) plots as PNG and SVG here.")
    Path plotDir;

    @Override
    public Integer call() throws IOException {
        if (eceBins < 1) throw new IllegalArgumentException("--ece-bins must be >= 1 but was " + eceBins);
        List<String> columns = new ArrayList<>(List.of(scoreCol));
        if (compareCol != null) {
            if (compareCol.equals(scoreCol)) {
                throw new IllegalArgumentException("--compare-col must differ from --score-col but both are '" + scoreCol + "'");
            }
            columns.add(compareCol);
        }
        if (columns.contains(labelCol)) {
            throw new IllegalArgumentException("--label-col must differ from the score columns but was '" + labelCol + "'");
        }
        Map<String, BinaryScores> data = ScoresCsv.read(scores, labelCol, columns, positive);
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        data.forEach((name, s) -> metrics.put(name, BinaryMetrics.of(s, eceBins)));
        PairedAucTest test = compareCol == null ? null : DeLong.compare(data.get(scoreCol), data.get(compareCol));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(metrics, test));
        } else {
            printTable(out, data.get(scoreCol), metrics, test);
        }
        if (plotDir != null) plot(data);
        out.flush();
        return 0;
    }

    private String json(Map<String, BinaryMetrics> metrics, PairedAucTest test) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", String.valueOf(scores.getFileName()));
        root.put("score_column", scoreCol);
        root.setAll((ObjectNode) mapper.valueToTree(metrics.get(scoreCol)));
        if (test != null) {
            root.put("compare_column", compareCol);
            root.set("compare", mapper.valueToTree(metrics.get(compareCol)));
            root.put("auc_difference", test.difference());
            root.put("z", test.z());
            root.put("p_value", test.pValue());
            root.put("difference_variance", test.variance());
        }
        return mapper.writeValueAsString(root);
    }

    private void printTable(PrintWriter out, BinaryScores first, Map<String, BinaryMetrics> metrics, PairedAucTest test) {
        out.printf(Locale.ROOT, "%s: %d images, %d positive, %d negative%n", scores.getFileName(), first.size(),
                first.positives(), first.negatives());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-20s", "metric"));
        metrics.keySet().forEach(k -> head.append(String.format(Locale.ROOT, " %22s", k)));
        out.println(head);
        row(out, "AUC", metrics, m -> f(m.auc()));
        row(out, "  95% CI (DeLong)", metrics, m -> f(m.aucCiLow()) + "–" + f(m.aucCiHigh()));
        row(out, "  DeLong variance", metrics, m -> String.format(Locale.ROOT, "%.3e", m.delongVariance()));
        row(out, "S@R95", metrics, m -> f(m.sAtR95()));
        row(out, "  threshold", metrics, m -> g(m.thresholdR95()));
        row(out, "R@S95", metrics, m -> f(m.rAtS95()));
        row(out, "  threshold", metrics, m -> g(m.thresholdS95()));
        row(out, "P@R95", metrics, m -> f(m.pAtR95()));
        row(out, "Average precision", metrics, m -> f(m.averagePrecision()));
        row(out, "Brier", metrics, m -> m.brier() == null ? "n/a (not in [0,1])" : f(m.brier()));
        row(out, "ECE (" + eceBins + " bins)", metrics, m -> m.ece() == null ? "n/a (not in [0,1])" : f(m.ece()));
        if (test != null) {
            out.printf(Locale.ROOT, "Paired DeLong test, %s vs %s: AUC difference %s, z %.3f, p %s%n", scoreCol, compareCol,
                    f(test.difference()), test.z(), p(test.pValue()));
        }
    }

    private static void row(PrintWriter out, String name, Map<String, BinaryMetrics> metrics,
                            java.util.function.Function<BinaryMetrics, String> cell) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s", name));
        metrics.values().forEach(m -> sb.append(String.format(Locale.ROOT, " %22s", cell.apply(m))));
        out.println(sb);
    }

    private void plot(Map<String, BinaryScores> data) throws IOException {
        Map<String, RocCurve> roc = new LinkedHashMap<>();
        Map<String, PrCurve> pr = new LinkedHashMap<>();
        Map<String, Calibration> cal = new LinkedHashMap<>();
        data.forEach((name, s) -> {
            roc.put(name, RocCurve.of(s));
            pr.put(name, PrCurve.of(s));
            if (s.areProbabilities()) cal.put(name, Calibration.of(s, eceBins));
        });
        String title = String.valueOf(scores.getFileName());
        Plots.roc("roc", "ROC — " + title, roc).write(plotDir);
        Plots.precisionRecall("pr", "Precision-recall — " + title, pr).write(plotDir);
        if (cal.size() == data.size()) Plots.reliability("calibration", "Calibration — " + title, cal).write(plotDir);
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.4f", v); }

    private static String g(double v) { return Double.isInfinite(v) ? "+inf" : String.format(Locale.ROOT, "%.6g", v); }

    private static String p(double v) {
        if (v < 1e-15) return "< 1e-15";
        return v < 1e-4 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
