package io.pxrcad.report;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.ConfidenceInterval;
import io.pxrcad.eval.FoldSummary;
import io.pxrcad.eval.MeanSd;
import io.pxrcad.eval.PairedComparison;
import io.pxrcad.eval.ReaderStudyResult;
import io.pxrcad.eval.ReaderStudyRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats evaluation results as report tables (three decimals, as the paper prints them). */
public final class MetricsTables {
    private MetricsTables() {}

    /** One row per method: n, AUC with DeLong 95% CI, S@R95, R@S95, P@R95, AP, Brier, ECE. */
    public static Table binary(String caption, Map<String, BinaryMetrics> methods) {
        List<List<String>> rows = new ArrayList<>();
        methods.forEach((name, m) -> rows.add(List.of(name, Integer.toString(m.n()),
                Integer.toString(m.positives()), f(m.auc()) + " (" + f(m.aucCiLow()) + "–" + f(m.aucCiHigh()) + ")",
                f(m.sAtR95()), f(m.rAtS95()), f(m.pAtR95()), f(m.averagePrecision()), f(m.brier()), f(m.ece()))));
        return new Table(caption, List.of("Method", "Images", "Positive", "AUC (95% CI)", "S@R95", "R@S95", "P@R95",
                "AP", "Brier", "ECE"), rows, "AUC 95% CI by DeLong's method. S@R95: specificity at the highest "
                + "threshold reaching 95% recall; R@S95: recall at the lowest threshold reaching 95% specificity; "
                + "P@R95: precision at the S@R95 threshold; AP: average precision. Brier and ECE (10 equal-width bins) "
                + "only for probability scores.");
    }

    /** Table 1 of the paper: per method mean ± sd over folds and the pooled value of each metric. */
    public static Table folds(String caption, Map<String, FoldSummary> methods) {
        List<List<String>> rows = new ArrayList<>();
        methods.forEach((name, s) -> rows.add(List.of(name,
                ms(s.auc()), f(s.pooled().auc()), ms(s.sAtR95()), f(s.pooled().sAtR95()),
                ms(s.rAtS95()), f(s.pooled().rAtS95()), ms(s.pAtR95()), f(s.pooled().pAtR95()))));
        int folds = methods.values().stream().findFirst().map(s -> s.folds().size()).orElse(0);
        return new Table(caption, List.of("Method", "AUC", "AUC pooled", "S@R95", "S@R95 pooled", "R@S95",
                "R@S95 pooled", "P@R95", "P@R95 pooled"), rows, "Mean ± sample sd over " + folds
                + " folds; pooled: all folds' test predictions measured together.");
    }

    /** Table 2 of the paper: accuracy and per-type sensitivity/specificity with bootstrap 95% CIs. */
    public static Table readerStudy(String caption, ReaderStudyResult result) {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> emphasis = new ArrayList<>();
        for (ReaderStudyRow r : result.rows()) {
            if (r.kind().equals("system") || r.kind().equals("average")) emphasis.add(rows.size());
            String who = switch (r.kind()) {
                case "reader" -> r.name() + " (" + r.specialty() + ")";
                case "specialty" -> r.name() + " — average of " + r.readers();
                case "average" -> "Reader average (" + r.readers() + ")";
                default -> "System";
            };
            rows.add(List.of(who, Integer.toString(r.images()), ci(r.accuracy()), ci(r.hipSensitivity()),
                    ci(r.hipSpecificity()), ci(r.pelvicSensitivity()), ci(r.pelvicSpecificity())));
        }
        PairedComparison t = result.systemVsReaders();
        return new Table(caption, List.of("", "Images", "Accuracy", "Hip sensitivity", "Hip specificity",
                "Pelvic sensitivity", "Pelvic specificity"), rows,
                "Bootstrap 95% CIs over images, stratified by true class. Sensitivity and specificity one-vs-rest per "
                        + "fracture type. System − reader average accuracy: " + f(t.difference()) + " (95% CI "
                        + f(t.ci95().low()) + " to " + f(t.ci95().high()) + "), p = " + p(t.pValue()) + " ("
                        + t.method() + ", " + t.permutations() + " permutations).").withEmphasis(emphasis.toArray(Integer[]::new));
    }

    static String ci(ConfidenceInterval c) {
        return f(c.estimate()) + " (" + f(c.low()) + "–" + f(c.high()) + ")";
    }

    static String p(double v) {
        return v < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String ms(MeanSd m) { return m.format(3); }

    static String f(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
