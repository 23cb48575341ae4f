package io.pxrcad.report;

import io.pxrcad.eval.Calibration;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.ReliabilityBin;
import io.pxrcad.eval.RocCurve;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.Locale;
import java.util.Map;

/**
 * The evaluation plots, each for one or several methods on one chart (paper Figure 3): ROC
 * curves with the AUC in the legend, precision-recall curves with the average precision, and
 * reliability diagrams with the expected calibration error. Maps are read in iteration order
 * (use a {@link java.util.LinkedHashMap}); the first method gets the first palette colour.
 */
public final class Plots {
    /** Nominal size in CSS pixels; the PNG has twice as many. */
    public static final int SIZE = 480;

    static {
        // Before JFreeChart touches fonts and colours: no X server on build machines and servers.
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** ROC curves: false positive rate vs true positive rate, chance diagonal dashed. */
    public static Figure roc(String name, String title, Map<String, RocCurve> curves) {
        requireSome(curves);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            RocCurve c = e.getValue();
            data.addSeries(series(e.getKey() + " (AUC " + fmt(c.auc()) + ")", c.fpr(), c.tpr()));
        }
        data.addSeries(series("chance", new double[]{0, 1}, new double[]{0, 1}));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "False positive rate (1 − specificity)",
                "True positive rate (sensitivity)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, data.getSeriesCount(), data.getSeriesCount() - 1);
        return ChartRenderer.render(name, chart, SIZE, SIZE + 40);
    }

    /** Precision-recall curves, recall on x; the positive share (a chance classifier) dashed. */
    public static Figure precisionRecall(String name, String title, Map<String, PrCurve> curves) {
        requireSome(curves);
        XYSeriesCollection data = new XYSeriesCollection();
        double prevalence = Double.NaN;
        for (Map.Entry<String, PrCurve> e : curves.entrySet()) {
            PrCurve c = e.getValue();
            data.addSeries(series(e.getKey() + " (AP " + fmt(c.averagePrecision()) + ")", c.recall(), c.precision()));
            prevalence = c.precision()[0]; // at the lowest threshold everything is positive
        }
        data.addSeries(series("prevalence", new double[]{0, 1}, new double[]{prevalence, prevalence}));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "Recall (sensitivity)", "Precision (PPV)", data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, data.getSeriesCount(), data.getSeriesCount() - 1);
        return ChartRenderer.render(name, chart, SIZE, SIZE + 40);
    }

    /** Reliability diagram: mean predicted probability vs observed positive share per bin. */
    public static Figure reliability(String name, String title, Map<String, Calibration> calibrations) {
        requireSome(calibrations);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Calibration> e : calibrations.entrySet()) {
            Calibration c = e.getValue();
            double[] x = c.bins().stream().mapToDouble(ReliabilityBin::meanPredicted).toArray();
            double[] y = c.bins().stream().mapToDouble(ReliabilityBin::fractionPositive).toArray();
            data.addSeries(series(e.getKey() + " (ECE " + fmt(c.ece()) + ", Brier " + fmt(c.brier()) + ")", x, y));
        }
        data.addSeries(series("perfect calibration", new double[]{0, 1}, new double[]{0, 1}));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "Mean predicted probability",
                "Observed fraction positive", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, data.getSeriesCount(), data.getSeriesCount() - 1);
        var renderer = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int s = 0; s < data.getSeriesCount() - 1; s++) {
            renderer.setSeriesShapesVisible(s, true);
            renderer.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        return ChartRenderer.render(name, chart, SIZE, SIZE + 40);
    }

    private static XYSeries series(String key, double[] x, double[] y) {
        XYSeries s = new XYSeries(key, false, true); // keep curve order; vertical steps repeat x
        for (int i = 0; i < x.length; i++) s.add(x[i], y[i]);
        return s;
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.3f", v); }

    private static void requireSome(Map<String, ?> m) {
        if (m.isEmpty()) throw new IllegalArgumentException("expected at least one method to plot but got none");
    }
}
