package io.pxrcad.report;

import io.pxrcad.eval.BinaryMetrics;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.Calibration;
import io.pxrcad.eval.Bootstrap;
import io.pxrcad.eval.FoldSummary;
import io.pxrcad.eval.FractureAnswer;
import io.pxrcad.eval.Read;
import io.pxrcad.eval.ReaderStudy;
import io.pxrcad.eval.ReaderStudyResult;
import io.pxrcad.eval.PrCurve;
import io.pxrcad.eval.RocCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {
    /** Probabilities of a logistic model whose separation grows with {@code strength}. */
    static BinaryScores method(double strength, long seed) {
        Random r = new Random(seed);
        int n = 300;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            s[i] = 1 / (1 + Math.exp(-(strength * (y[i] - 0.5) * 2 + r.nextGaussian())));
        }
        return BinaryScores.of(s, y);
    }

    static Map<String, BinaryScores> methods() {
        Map<String, BinaryScores> m = new LinkedHashMap<>();
        m.put("two-stage", method(1.6, 1));
        m.put("single-stage", method(1.1, 2));
        m.put("ResNet18-GAP", method(0.6, 3));
        return m;
    }

    @Test
    void plotsAreValidPngAndSvgAtTwiceTheNominalSize(@TempDir Path dir) throws Exception {
        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        methods().forEach((k, v) -> rocs.put(k, RocCurve.of(v)));
        Figure roc = Plots.roc("roc", "ROC curves", rocs);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(roc.png()));
        assertThat(img.getWidth()).isEqualTo(2 * roc.width());
        assertThat(img.getHeight()).isEqualTo(2 * roc.height());
        assertThat(roc.svg()).contains("<svg").contains("two-stage (AUC " + Plots.fmt(rocs.get("two-stage").auc()) + ")");
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        xml.newDocumentBuilder()
                .parse(new ByteArrayInputStream(roc.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path png = roc.write(dir);
        assertThat(png).exists().hasFileName("roc.png");
        assertThat(dir.resolve("roc.svg")).exists();
        assertThatThrownBy(() -> Plots.roc("x", "t", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesASelfContainedHtmlReport(@TempDir Path dir) throws Exception {
        Map<String, BinaryScores> methods = methods();
        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        Map<String, PrCurve> prs = new LinkedHashMap<>();
        Map<String, Calibration> cals = new LinkedHashMap<>();
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        Map<String, FoldSummary> folds = new LinkedHashMap<>();
        long seed = 10;
        for (Map.Entry<String, BinaryScores> e : methods.entrySet()) {
            rocs.put(e.getKey(), RocCurve.of(e.getValue()));
            prs.put(e.getKey(), PrCurve.of(e.getValue()));
            cals.put(e.getKey(), Calibration.of(e.getValue(), 10));
            metrics.put(e.getKey(), BinaryMetrics.of(e.getValue()));
            double strength = e.getKey().equals("two-stage") ? 1.6 : e.getKey().equals("single-stage") ? 1.1 : 0.6;
            List<BinaryScores> f = new ArrayList<>();
            for (int k = 0; k < 5; k++) f.add(method(strength, seed++));
            folds.put(e.getKey(), FoldSummary.of(f));
        }
        Figure roc = Plots.roc("roc", "ROC, pooled over folds", rocs);
        Figure pr = Plots.precisionRecall("pr", "Precision-recall, pooled", prs);
        Figure cal = Plots.reliability("calibration", "Reliability diagram", cals);
        List<GalleryItem> gallery = List.of(new GalleryItem("TP · p=0.97 · hip <script>", roc.png()),
                new GalleryItem("FN · p=0.12 · pelvic", pr.png()));
        Path file = dir.resolve("out/report.html");
        HtmlReport.titled("Five-fold cross-validation (Table 1)")
                .subtitle("Six methods on the same folds; synthetic phantoms")
                .meta("Manifest", "phantoms.csv (sha256 3f2a…)")
                .generatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .section("Summary")
                .callout("Two-stage reaches the highest AUC.")
                .table(MetricsTables.folds("Cross-validated performance.", folds))
                .table(MetricsTables.binary("Pooled metrics.", metrics))
                .section("Curves")
                .figures("ROC and precision-recall curves, pooled.", roc, pr)
                .figures("Calibration.", cal)
                .section("Reader study")
                .table(MetricsTables.readerStudy("System and readers on three-class answers.", readerStudy()))
                .section("Gallery")
                .gallery("Examples", gallery)
                .write(file);

        String html = Files.readString(file);
        keepForInspection(file);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("<b>Table 2.</b>").contains("<b>Figure 2.</b>").contains("(b)");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script>");
        assertThat(html).contains("TP · p=0.97 · hip &lt;script&gt;");
        assertThat(html).contains("2026-01-01 00:00 UTC");
        assertThat(count(html, "<figure")).isEqualTo(count(html, "</figure>"));
        assertThat(count(html, "<table>")).isEqualTo(3);
        assertThat(count(html, "<tr class=\"em\">")).isEqualTo(2); // system and reader average in bold
        assertThat(html).contains("Reader average (4)").contains("radiology — average of 2");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(img).isNotNull();
            images++;
        }
        assertThat(images).isEqualTo(5);
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left
    }

    /** 150 images, 4 simulated readers of 75-85% skill, a system of about 90%. */
    static ReaderStudyResult readerStudy() {
        Random rnd = new Random(9);
        FractureAnswer[] classes = FractureAnswer.values();
        Map<String, FractureAnswer> truth = new LinkedHashMap<>();
        Map<String, FractureAnswer> system = new LinkedHashMap<>();
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            FractureAnswer t = classes[i % 3];
            truth.put("img" + i, t);
            system.put("img" + i, rnd.nextDouble() < 0.9 ? t : classes[(t.ordinal() + 1 + rnd.nextInt(2)) % 3]);
            for (int r = 0; r < 4; r++) {
                double skill = 0.75 + 0.03 * r;
                reads.add(new Read("R" + (r + 1), r < 2 ? "radiology" : "orthopaedics", "img" + i,
                        rnd.nextDouble() < skill ? t : classes[(t.ordinal() + 1 + rnd.nextInt(2)) % 3]));
            }
        }
        return ReaderStudy.analyse(truth, system, reads, new Bootstrap(500, 1, 0.95));
    }

    @Test
    void readerStudyResultRoundTripsThroughJson() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        ReaderStudyResult r = readerStudy();
        String text = json.writeValueAsString(r);
        assertThat(text).contains("\"hip_sensitivity\"").contains("\"p_value\"");
        assertThat(json.readValue(text, ReaderStudyResult.class)).isEqualTo(r);
    }

    @Test
    void tableRowsMustMatchTheHeader() {
        assertThatThrownBy(() -> new Table("c", List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 2 cells in row 0 but got 1");
        assertThatThrownBy(() -> new GalleryItem("x", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(String s, String needle) {
        return s.split(Pattern.quote(needle), -1).length - 1;
    }

    /** PXRCAD_REPORT_KEEP=DIR copies the report there to look at it in a browser. */
    private static void keepForInspection(Path file) throws Exception {
        String keep = System.getenv("PXRCAD_REPORT_KEEP");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(file, Path.of(keep, "report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
