package io.pxrcad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.eval.BinaryScores;
import io.pxrcad.eval.DeLong;
import io.pxrcad.eval.PairedAucTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reference case, written as a CSV with string labels and a second, noisier column. */
    private static JsonNode reference() throws Exception {
        Path ref = RepoTestdata.resolve("reference/metrics_sklearn.json");
        for (JsonNode c : JSON.readTree(ref.toFile()).get("cases")) {
            if (c.get("name").asText().equals("probabilities_n250")) return c;
        }
        throw new AssertionError("probabilities_n250 missing from " + ref);
    }

    private static double[] other(JsonNode c) {
        double[] o = new double[c.get("scores").size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = Math.min(1, Math.max(0, c.get("scores").get(i).asDouble() + 0.3 * Math.sin(7.0 * i)));
        }
        return o;
    }

    private static Path csv(Path dir, JsonNode c, boolean stringLabels) throws Exception {
        StringBuilder sb = new StringBuilder("image,label,score,other\n");
        double[] other = other(c);
        for (int i = 0; i < c.get("labels").size(); i++) {
            int y = c.get("labels").get(i).asInt();
            String label = stringLabels ? (y == 1 ? "fracture" : "\"no, none\"") : Integer.toString(y);
            sb.append(String.format(Locale.ROOT, "im%d,%s,%s,%s%n", i, label,
                    Double.toString(c.get("scores").get(i).asDouble()), Double.toString(other[i])));
        }
        Path f = dir.resolve("scores.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void jsonRoundTripMatchesTheReference(@TempDir Path dir) throws Exception {
        JsonNode c = reference();
        MainTest.Result r = MainTest.run("metrics", "--scores", csv(dir, c, false).toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        for (String key : new String[]{"auc", "delong_variance", "s_at_r95", "r_at_s95", "p_at_r95", "average_precision",
                "threshold_r95", "threshold_s95"}) {
            assertThat(out.get(key).asDouble()).as(key).isCloseTo(c.get(key).asDouble(), within(1e-9));
        }
        assertThat(out.get("auc_ci95").get(0).asDouble()).isCloseTo(c.get("auc_ci95").get(0).asDouble(), within(1e-9));
        assertThat(out.get("auc_ci95").get(1).asDouble()).isCloseTo(c.get("auc_ci95").get(1).asDouble(), within(1e-9));
        assertThat(out.get("brier").isNumber()).isTrue();
        assertThat(out.get("ece").isNumber()).isTrue();
        assertThat(out.has("p_value")).isFalse();
    }

    @Test
    void compareColumnWithStringLabelsGivesThePairedDeLongTest(@TempDir Path dir) throws Exception {
        JsonNode c = reference();
        MainTest.Result r = MainTest.run("metrics", "--scores", csv(dir, c, true).toString(), "--positive", "fracture",
                "--compare-col", "other", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        int[] labels = new int[c.get("labels").size()];
        double[] scores = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.get("labels").get(i).asInt();
            scores[i] = c.get("scores").get(i).asDouble();
        }
        PairedAucTest t = DeLong.compare(BinaryScores.of(scores, labels), BinaryScores.of(other(c), labels));
        assertThat(out.get("auc").asDouble()).isCloseTo(c.get("auc").asDouble(), within(1e-9));
        assertThat(out.get("auc_difference").asDouble()).isCloseTo(t.difference(), within(1e-12));
        assertThat(out.get("z").asDouble()).isCloseTo(t.z(), within(1e-9));
        assertThat(out.get("p_value").asDouble()).isCloseTo(t.pValue(), within(1e-12));
        assertThat(out.get("compare").get("auc").asDouble()).isCloseTo(t.aucB(), within(1e-12));
    }

    @Test
    void tableAndPlots(@TempDir Path dir) throws Exception {
        MainTest.Result r = MainTest.run("metrics", "--scores", csv(dir, reference(), false).toString(),
                "--compare-col", "other", "--plot", dir.resolve("plots").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("250 images, 120 positive, 130 negative").contains("AUC")
                .contains("0.9299").contains("Paired DeLong test, score vs other");
        for (String f : new String[]{"roc.png", "roc.svg", "pr.png", "pr.svg", "calibration.png", "calibration.svg"}) {
            assertThat(dir.resolve("plots").resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void dataErrorsExitOneWithOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "label,score\n1,0.9\n0,abc\n1,0.3\n0,NaN\n");
        MainTest.Result bad = MainTest.run("metrics", "--scores", f.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("pxrcad: bad.csv: line 3: column score: expected a number but was 'abc'; "
                + "line 5: column score: expected a finite number but was 'NaN'" + System.lineSeparator());

        MainTest.Result missing = MainTest.run("metrics", "--scores", f.toString(), "--score-col", "prob");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("pxrcad: bad.csv: expected column 'prob' but the header has: label, score");

        Files.writeString(f, "label,score\n1,0.9\n1,0.3\n");
        MainTest.Result oneClass = MainTest.run("metrics", "--scores", f.toString());
        assertThat(oneClass.code()).isEqualTo(1);
        assertThat(oneClass.err()).contains("only one class").contains("2 positive and 0 negative");
        assertThat(oneClass.err().lines().count()).isEqualTo(1);

        MainTest.Result nofile = MainTest.run("metrics", "--scores", dir.resolve("none.csv").toString());
        assertThat(nofile.code()).isEqualTo(1);
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) throws Exception {
        assertThat(MainTest.run("metrics").code()).isEqualTo(2);
        Path f = csv(dir, reference(), false);
        MainTest.Result same = MainTest.run("metrics", "--scores", f.toString(), "--compare-col", "score");
        assertThat(same.code()).isEqualTo(2);
        assertThat(same.err()).contains("--compare-col must differ");
        assertThat(MainTest.run("metrics", "--scores", f.toString(), "--ece-bins", "0").code()).isEqualTo(2);
    }
}
