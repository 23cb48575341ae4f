package io.pxrcad.cli;

import io.pxrcad.train.EpochMetrics;
import io.pxrcad.train.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    @TempDir
    Path dir;

    /** The report and the console say in words what came out; options given beat --quick's defaults. */
    @Test
    void quickRunSaysWhatItFound() throws Exception {
        Path out = dir.resolve("demo");
        Path config = Files.writeString(dir.resolve("stage2.yaml"), "topRois: true\nroisPerImage: 2\n");
        MainTest.Result r = MainTest.run("demo", "--quick", "--count", "40", "--size", "64", "--epochs", "1", "--out", out.toString(),
                "--config", config.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1/4 generating 40 phantoms").contains("1 epochs each")
                .containsPattern("The two-stage method (beat|scored higher|did not beat)")
                .contains("paired DeLong p = ").contains("lay in a true fracture box for");
        // K = 2 from the file: every stage-2 epoch draws at most 2 ROIs per training image (the preset's
        // K = 5 gives each negative all 4 cells of its 2x2 map)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (\\d+) images").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        int trainImages = Integer.parseInt(m.group(1));
        List<EpochMetrics> stage2 = MetricsLog.inRun(out.resolve("run")).read().stream().filter(e -> e.stage() == 2).toList();
        assertThat(stage2).isNotEmpty().allSatisfy(e -> assertThat(((Number) e.extra().get("probablePositives")).intValue()
                + ((Number) e.extra().get("hardNegatives")).intValue() + ((Number) e.extra().get("easyNegatives")).intValue())
                .isBetween(1, 2 * trainImages));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("What the demo found").containsPattern("The two-stage method (beat|scored higher|did not beat)");
    }

    /** A bad configuration file is one line naming the file and the key, before any phantom is drawn. */
    @Test
    void badConfigIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = dir.resolve("demo-bad");
        Path config = Files.writeString(dir.resolve("typo.yaml"), "topRoi: true\n");
        MainTest.Result r = MainTest.run("demo", "--quick", "--out", out.toString(), "--config", config.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).contains("unknown config key(s) [topRoi]").contains("typo.yaml").doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }
}
