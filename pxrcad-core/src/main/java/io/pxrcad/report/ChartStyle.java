package io.pxrcad.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;

/** The look shared by every plot: white, light grid, colour-blind-safe palette, square axes. */
final class ChartStyle {
    /** Okabe and Ito (2008) colour-blind-safe palette, black last. */
    static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
            new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00)};
    static final Color REFERENCE_LINE = new Color(0x9A, 0x9A, 0x9A);
    static final String FONT = "SansSerif";

    private ChartStyle() {}

    static Paint color(int series) { return PALETTE[series % PALETTE.length]; }

    /** Applies the house style; {@code referenceSeries} (or -1) is drawn grey and dashed. */
    static void apply(JFreeChart chart, int seriesCount, int referenceSeries) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 14));
        chart.getTitle().setFont(new Font(FONT, Font.BOLD, 15));
        chart.getTitle().setPaint(new Color(0x22, 0x22, 0x22));
        chart.getTitle().setPadding(new RectangleInsets(2, 0, 10, 0));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x88, 0x88, 0x88));
        plot.setDomainGridlinePaint(new Color(0xE3, 0xE3, 0xE3));
        plot.setRangeGridlinePaint(new Color(0xE3, 0xE3, 0xE3));
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        unitAxis((NumberAxis) plot.getDomainAxis());
        unitAxis((NumberAxis) plot.getRangeAxis());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int s = 0, colour = 0; s < seriesCount; s++) {
            if (s == referenceSeries) {
                r.setSeriesPaint(s, REFERENCE_LINE);
                r.setSeriesStroke(s, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[]{5, 4}, 0));
                r.setSeriesVisibleInLegend(s, false);
            } else {
                r.setSeriesPaint(s, color(colour++));
                r.setSeriesStroke(s, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
        }
        plot.setRenderer(r);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(FONT, Font.PLAIN, 12));
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }

    private static void unitAxis(NumberAxis axis) {
        axis.setRange(0, 1);
        axis.setTickUnit(new NumberTickUnit(0.2, new java.text.DecimalFormat("0.0")));
        axis.setLabelFont(new Font(FONT, Font.PLAIN, 13));
        axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        axis.setLabelPaint(new Color(0x33, 0x33, 0x33));
        axis.setAxisLinePaint(new Color(0x88, 0x88, 0x88));
    }
}
