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
        Path config = Files.writeString(dir.resolve("stage2.yaml"), "topRois: true\nroisPerImage: 2\nchainRois: 3\n");
        MainTest.Result r = MainTest.run("demo", "--quick", "--preset", "tiny", "--count", "40", "--size", "64", "--epochs", "1", "--out", out.toString(),
                "--config", config.toString(), "--pretrain", "40", "--pretrain-epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        // stage 1 started from a backbone pretrained on 40 further phantoms, kept beside the run
        assertThat(r.out()).contains("pretrained tiny-vgg on 40 unlabelled phantoms, 1 epochs");
        assertThat(out.resolve("pretrain").resolve("pretrained-stage1.safetensors")).isRegularFile();
        // --quick's own default where the command line gave none: displaced fractures
        assertThat(r.out()).contains("1/4 generating 40 phantoms (64 px, difficulty 0.00)").contains("1 epochs each")
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
        // the model chains as it was trained to: the 3 highest cells, said in model.json and the model card
        io.pxrcad.artifact.ModelArtifact model = io.pxrcad.artifact.ModelArtifact.load(out.resolve("run").resolve("model"));
        assertThat(model.metadata().info().chainRoiCount()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("run").resolve("model").resolve("MODEL.md"))).contains("Chained over the 3 highest map cells");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("What the demo found").contains("pretrained on 40 unlabelled phantoms").containsPattern("The two-stage method (beat|scored higher|did not beat)");
    }

    /** Without --config the demo trains as docs/configs/pseudo-cells.yaml says, the file bench train measured. */
    @Test
    void theDemosRecipeIsThePseudoCellsConfigurationFile() throws Exception {
        Path file = RepoTestdata.resolve("../docs/configs/pseudo-cells.yaml").normalize();
        for (io.pxrcad.train.Preset p : io.pxrcad.train.Preset.values()) {
            assertThat(DemoCommand.recipe(p.config())).as(p.id())
                    .isEqualTo(io.pxrcad.train.TrainConfigFile.load(file, p.config()));
        }
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
