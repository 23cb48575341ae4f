/**
 * Renders evaluation results; reads {@code io.pxrcad.eval} records only and computes nothing
 * new. {@link io.pxrcad.report.Plots} draws ROC, precision-recall and reliability charts with
 * JFreeChart ({@link io.pxrcad.report.Figure}: PNG at twice the nominal size, and SVG via
 * JFreeSVG; headless). {@link io.pxrcad.report.HtmlReport} builds one self-contained HTML page
 * (inline CSS, images as base64 data URIs, numbered tables and figures, galleries of
 * {@link io.pxrcad.report.GalleryItem}s) written atomically; {@link io.pxrcad.report.MetricsTables}
 * formats Table 1, Table 2 and per-method metrics; {@link io.pxrcad.report.Table1Report} writes a
 * cross-validation's Table 1 as markdown, JSON and HTML.
 */
package io.pxrcad.report;
