package io.pxrcad.cli;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.Localisation;
import io.pxrcad.eval.PairedAucTest;
import io.pxrcad.infer.ChainEvaluation;
import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.train.EpochMetrics;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One seed's row of {@code bench train --seeds}: single-stage ({@code ps1}) and two-stage
 * ({@code ps1*ps2}) test metrics, their paired DeLong p, localisation on the test positives and the
 * label accuracy of the probable-positive ROIs stage 2 mined from the training images.
 */
record SeedRow(long seed, BinaryMetrics single, BinaryMetrics twoStage, double pairedP, Localisation localisation,
               double minedRoiLabelAccuracy) {

    /** Mean over stage 2's epochs of the share of mined probable-positive ROIs in a true box; NaN without any. */
    static double minedRoiLabelAccuracy(List<EpochMetrics> epochs) {
        return epochs.stream().filter(e -> e.stage() == 2 && e.extra().get("roiLabelAccuracy") instanceof Number)
                .mapToDouble(e -> ((Number) e.extra().get("roiLabelAccuracy")).doubleValue()).average().orElse(Double.NaN);
    }

    private static final String ROW = "%-6s %7s %7s %8s %8s %8s %8s %7s %8s %8s %8s%n";

    /** Prints the table, mean +- sd and the pooled test; returns the same for bench.json. */
    static Map<String, Object> print(List<SeedRow> rows, List<DetectionScoring.Scored> pooled, PrintWriter w) {
        w.printf("%nper seed (test part of each seed's cohort):%n");
        w.printf(ROW, "seed", "AUC 1", "AUC 2", "S@R95 1", "S@R95 2", "R@S95 1", "R@S95 2", "p", "ROI box", "max box", "mined");
        for (SeedRow r : rows) {
            w.printf(Locale.ROOT, ROW, r.seed, f(r.single.auc()), f(r.twoStage.auc()), f(r.single.sAtR95()), f(r.twoStage.sAtR95()),
                    f(r.single.rAtS95()), f(r.twoStage.rAtS95()), f(r.pairedP), f(r.localisation.roiLabelAccuracy().value()),
                    f(r.localisation.heatmapMaxInBox().value()), f(r.minedRoiLabelAccuracy));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("perSeed", rows.stream().map(SeedRow::asJson).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        String[] names = {"aucSingle", "aucTwoStage", "sAtR95Single", "sAtR95TwoStage", "rAtS95Single", "rAtS95TwoStage",
                "roiInBox", "heatmapMaxInBox", "minedRoiLabelAccuracy"};
        List<ToDoubleFunction<SeedRow>> getters = List.of(r -> r.single.auc(), r -> r.twoStage.auc(), r -> r.single.sAtR95(),
                r -> r.twoStage.sAtR95(), r -> r.single.rAtS95(), r -> r.twoStage.rAtS95(),
                r -> r.localisation.roiLabelAccuracy().value(), r -> r.localisation.heatmapMaxInBox().value(),
                r -> r.minedRoiLabelAccuracy);
        StringBuilder mean = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            double[] v = rows.stream().mapToDouble(getters.get(i)).toArray();
            double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
            summary.put(names[i], Map.of("mean", m, "sd", sd));
            mean.append(String.format(Locale.ROOT, " %s %.3f +- %.3f;", names[i], m, sd));
        }
        w.printf("mean +- sd over %d seeds:%s%n", rows.size(), mean);
        ChainEvaluation ev = ChainEvaluation.of(pooled, "the pooled test parts of all seeds");
        BinaryMetrics p1 = ev.singleStageMetrics(), p2 = ev.twoStageMetrics();
        PairedAucTest paired = ev.twoStageVsSingle();
        Localisation loc = ev.localisation();
        w.printf(Locale.ROOT, "pooled over the seeds (%d test images): AUC single-stage %.3f [%.3f, %.3f], two-stage %.3f [%.3f, %.3f], "
                        + "paired DeLong p %.4f; S@R95 %.3f vs %.3f; R@S95 %.3f vs %.3f; ROI in a true box %s, heatmap maximum in a true box %s%n",
                pooled.size(), p1.auc(), p1.aucCiLow(), p1.aucCiHigh(), p2.auc(), p2.aucCiLow(), p2.aucCiHigh(), paired.pValue(),
                p1.sAtR95(), p2.sAtR95(), p1.rAtS95(), p2.rAtS95(), loc.roiLabelAccuracy().format(), loc.heatmapMaxInBox().format());
        w.flush();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("test", pooled.size());
        pool.put("singleStage", p1);
        pool.put("twoStage", p2);
        pool.put("pairedDeLongP", paired.pValue());
        pool.put("roiLabelAccuracy", loc.roiLabelAccuracy());
        pool.put("heatmapMaxInBox", loc.heatmapMaxInBox());
        json.put("meanSd", summary);
        json.put("pooled", pool);
        return json;
    }

    private Map<String, Object> asJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("singleStage", single);
        m.put("twoStage", twoStage);
        m.put("pairedDeLongP", pairedP);
        m.put("roiLabelAccuracy", localisation.roiLabelAccuracy());
        m.put("heatmapMaxInBox", localisation.heatmapMaxInBox());
        m.put("minedRoiLabelAccuracy", minedRoiLabelAccuracy);
        return m;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
