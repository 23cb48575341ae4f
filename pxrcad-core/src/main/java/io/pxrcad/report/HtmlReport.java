package io.pxrcad.report;

import io.pxrcad.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one self-contained HTML page: inline CSS, images as base64 {@code data:} URIs, no
 * script, no external request, so it can be mailed, archived and opened without a server.
 * Tables and figures are numbered in order. Not thread-safe (a builder); {@link #render()}
 * may be called any number of times.
 *
 * <pre>{@code
 * HtmlReport.titled("Cross-validation")
 *     .subtitle("Five folds, six methods").meta("Manifest", "phantoms.csv")
 *     .section("Summary").table(table)
 *     .figures("ROC and PR curves, pooled over folds.", roc, pr)
 *     .write(dir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final String CSS = loadCss();
    private final String title;
    private String kicker = "pxrcad evaluation report";
    private String subtitle = "";
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final List<String> body = new ArrayList<>();
    private int tables;
    private int figures;
    private Instant generated = Instant.now();

    private HtmlReport(String title) {
        this.title = title;
    }

    public static HtmlReport titled(String title) { return new HtmlReport(title); }

    /** The small line above the title (default "pxrcad evaluation report"). */
    public HtmlReport kicker(String text) { kicker = text; return this; }

    public HtmlReport subtitle(String text) { subtitle = text; return this; }

    /** A key-value line in the header (run, manifest hash, commit, date...). */
    public HtmlReport meta(String key, String value) { meta.put(key, value); return this; }

    /** The time printed in the footer (default: now); fixed in tests for reproducible output. */
    public HtmlReport generatedAt(Instant when) { generated = when; return this; }

    public HtmlReport section(String heading) {
        body.add("<h2>" + esc(heading) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.add("<p>" + esc(text) + "</p>");
        return this;
    }

    /** A highlighted paragraph (key finding, caveat). */
    public HtmlReport callout(String text) {
        body.add("<div class=\"callout\">" + esc(text) + "</div>");
        return this;
    }

    public HtmlReport table(Table t) {
        tables++;
        StringBuilder sb = new StringBuilder("<figure class=\"table\">\n<figcaption><b>Table ").append(tables)
                .append(".</b> ").append(esc(t.caption())).append("</figcaption>\n<table>\n<thead><tr>");
        boolean[] numeric = numericColumns(t);
        for (int c = 0; c < t.header().size(); c++) {
            sb.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(esc(t.header().get(c))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> row = t.rows().get(i);
            sb.append(t.emphasized().contains(i) ? "<tr class=\"em\">" : "<tr>");
            for (int c = 0; c < row.size(); c++) {
                sb.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(esc(row.get(c))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (!t.note().isEmpty()) sb.append("<div class=\"note\">").append(esc(t.note())).append("</div>\n");
        body.add(sb.append("</figure>").toString());
        return this;
    }

    /** One or more plots side by side under one numbered caption (PNG embedded). */
    public HtmlReport figures(String caption, Figure... plots) {
        if (plots.length == 0) throw new IllegalArgumentException("expected at least one figure but got none");
        figures++;
        StringBuilder sb = new StringBuilder("<div class=\"plots\">\n");
        char panel = 'a';
        for (Figure f : plots) {
            sb.append("<figure class=\"plot\"><img alt=\"").append(esc(f.name())).append("\" width=\"").append(f.width())
                    .append("\" height=\"").append(f.height()).append("\" src=\"").append(dataUri(f.png())).append("\">");
            if (plots.length > 1) sb.append("<figcaption>(").append(panel++).append(")</figcaption>");
            sb.append("</figure>\n");
        }
        sb.append("</div>\n<p class=\"plots-caption\"><b>Figure ").append(figures).append(".</b> ")
                .append(esc(caption)).append("</p>");
        body.add(sb.toString());
        return this;
    }

    /** A titled grid of captioned images (true/false positives/negatives with overlays). */
    public HtmlReport gallery(String heading, List<GalleryItem> items) {
        StringBuilder sb = new StringBuilder("<section class=\"gallery\">\n<figcaption class=\"title\"><b>")
                .append(esc(heading)).append("</b> (").append(items.size()).append(items.size() == 1 ? " image" : " images")
                .append(")</figcaption>\n<div class=\"grid\">\n");
        for (GalleryItem g : items) {
            sb.append("<figure><img alt=\"").append(esc(g.caption())).append("\" src=\"").append(dataUri(g.png()))
                    .append("\"><figcaption>").append(esc(g.caption())).append("</figcaption></figure>\n");
        }
        body.add(sb.append("</div>\n</section>").toString());
        return this;
    }

    /** The whole page. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header>\n<div class=\"kicker\">").append(esc(kicker)).append("</div>\n<h1>").append(esc(title)).append("</h1>\n");
        if (!subtitle.isEmpty()) sb.append("<p class=\"subtitle\">").append(esc(subtitle)).append("</p>\n");
        if (!meta.isEmpty()) {
            sb.append("<dl class=\"meta\">\n");
            meta.forEach((k, v) -> sb.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n"));
            sb.append("</dl>\n");
        }
        sb.append("</header>\n<main>\n");
        for (String part : body) sb.append(part).append('\n');
        sb.append("</main>\n<footer>Generated by pxrcad on ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(generated))
                .append(". Research software, not a cleared medical device; results on synthetic or retrospective data ")
                .append("do not establish clinical performance.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** Writes the page atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, render());
    }

    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean[] numericColumns(Table t) {
        boolean[] out = new boolean[t.header().size()];
        for (int c = 0; c < out.length; c++) {
            boolean all = !t.rows().isEmpty();
            for (List<String> row : t.rows()) {
                all &= row.get(c).isEmpty() || row.get(c).matches("[-+−]?[0-9.,]+(e[-+]?\\d+)?%?( ?(±|\\(|\\[).*)?");
            }
            out[c] = all;
        }
        return out;
    }

    private static String loadCss() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) throw new IllegalStateException("report.css missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
