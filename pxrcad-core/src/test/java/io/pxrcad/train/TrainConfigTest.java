package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {

    @Test
    void defaultsAreThePapers() {
        TrainConfig c = TrainConfig.defaults();
        assertThat(c.epochs()).isEqualTo(100);
        assertThat(c.batchSize()).isEqualTo(8);
        assertThat(c.learningRate()).isEqualTo(1e-5);
        assertThat(c.patience()).isEqualTo(5);
        assertThat(c.lrFactor()).isEqualTo(0.1);
        assertThat(c.imageSize()).isEqualTo(961);
        assertThat(c.roisPerImage()).isEqualTo(5);
        assertThat(c.miningSensitivity()).isEqualTo(0.99);
        assertThat(c.lseR()).isEqualTo(10.0);
    }

    @Test
    void withVariantsChangeOneField() {
        TrainConfig c = TrainConfig.defaults().withEpochs(3).withSeed(9).withAugment(false).withNumWorkers(0);
        assertThat(c).isEqualTo(new TrainConfig(3, 8, 0, 8, 1e-5, 5, 0.1, 9, 0, 4, false, false, 961, 256, 0.266, 10.0, false, false, false, 0.0, 0, 0, 5, 0, 0.99, false, 1, false, true, 10));
        assertThat(TrainConfig.defaults().withLogEveryBatches(3).logEveryBatches()).isEqualTo(3);
        assertThat(TrainConfig.defaults().withRoiInput(64).roiInput()).isEqualTo(64);
        assertThat(TrainConfig.defaults().withRoiBatchSize(16).roiBatchSize()).isEqualTo(16);
        assertThat(TrainConfig.defaults().withFlip(true).flip()).isTrue();
        // METHOD.md: batch 8 in both stages, no flip
        assertThat(TrainConfig.defaults().roiBatchSize()).isEqualTo(8);
        assertThat(TrainConfig.defaults().flip()).isFalse();
    }

    @Test
    void validatesWithNameAndValue() {
        assertThatThrownBy(() -> TrainConfig.defaults().withBatchSize(0)).hasMessage("batchSize must be > 0 but was 0");
        assertThatThrownBy(() -> TrainConfig.defaults().withLearningRate(Double.NaN)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> TrainConfig.defaults().withLrFactor(1.0)).hasMessageContaining("lrFactor");
        assertThatThrownBy(() -> TrainConfig.defaults().withMiningSensitivity(0)).hasMessageContaining("miningSensitivity");
        assertThatThrownBy(() -> TrainConfig.defaults().withNumWorkers(-1)).hasMessageContaining("numWorkers");
        assertThatThrownBy(() -> TrainConfig.defaults().withRoiBatchSize(0)).hasMessage("roiBatchSize must be > 0 but was 0");
        assertThatThrownBy(() -> TrainConfig.defaults().withRoiFraction(1.2)).hasMessage("roiFraction must be in (0,1] but was 1.2");
    }

    @Test
    void microBatchIsOffByDefaultAndMustDivideTheBatch() {
        // METHOD.md trains on whole batches of 8: accumulation is an option only
        assertThat(TrainConfig.defaults().microBatch()).isZero();
        assertThat(TrainConfig.defaults().imagesPerPass()).isEqualTo(8);
        assertThat(Preset.PAPER.config().imagesPerPass()).isEqualTo(Preset.PAPER.config().batchSize());
        assertThat(TrainConfig.defaults().withMicroBatch(2).imagesPerPass()).isEqualTo(2);
        assertThatThrownBy(() -> TrainConfig.defaults().withMicroBatch(3))
                .hasMessage("microBatch must divide batchSize 8 (or be 0: the whole batch at once) but was 3");
        assertThatThrownBy(() -> TrainConfig.defaults().withMicroBatch(-1)).hasMessageContaining("but was -1");
        assertThatThrownBy(() -> TrainConfig.defaults().withMicroBatch(16)).hasMessageContaining("but was 16");
        assertThatThrownBy(() -> TrainConfigFile.parse("microBatch: 3\n", TrainConfig.defaults(), "run.yaml"))
                .hasMessage("microBatch must divide batchSize 8 (or be 0: the whole batch at once) but was 3 in run.yaml");
    }

    @Test
    void yamlOverridesOnlyTheGivenKeys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "# a small run\nepochs: 20\nseed: 7\naugment: false\nlearningRate: 1.0e-4\nflip: true\nroiBatchSize: 32\n");
        TrainConfig c = TrainConfigFile.load(f, TrainConfig.defaults().withBatchSize(4));
        assertThat(c).isEqualTo(TrainConfig.defaults().withBatchSize(4).withEpochs(20).withSeed(7)
                .withAugment(false).withLearningRate(1e-4).withFlip(true).withRoiBatchSize(32));
    }

    @Test
    void jsonAndRoundTrip(@TempDir Path dir) throws Exception {
        TrainConfig c = TrainConfig.defaults().withImageSize(256).withPatience(2);
        assertThat(TrainConfigFile.parse(TrainConfigFile.toJson(c), TrainConfig.defaults(), "x.json")).isEqualTo(c);
        Path f = dir.resolve("c.yaml");
        TrainConfigFile.writeYaml(f, c);
        assertThat(TrainConfigFile.load(f, TrainConfig.defaults())).isEqualTo(c);
        assertThat(TrainConfigFile.parse("", c, "empty.yaml")).isEqualTo(c);
    }

    @Test
    void aConfigThatIsAFolderOrNotUtf8SaysSoWithItsPath(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrainConfigFile.load(dir, TrainConfig.defaults())).isInstanceOf(io.pxrcad.DataException.class)
                .hasMessage("expected config file " + dir + " to be a file but it is a folder");
        Path latin1 = dir.resolve("run.yaml");
        Files.write(latin1, new byte[] {'e', 'p', 'o', 'c', 'h', 's', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TrainConfigFile.load(latin1, TrainConfig.defaults()))
                .hasMessage("config file " + latin1 + " is not UTF-8 text");
    }

    @Test
    void clearErrors(@TempDir Path dir) {
        TrainConfig d = TrainConfig.defaults();
        assertThatThrownBy(() -> TrainConfigFile.parse("epoch: 3\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[epoch]").hasMessageContaining("run.yaml").hasMessageContaining("epochs");
        assertThatThrownBy(() -> TrainConfigFile.parse("batchSize: 0\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be > 0 but was 0 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("epochs: lots\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("epochs: 2.5\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("- 1\n- 2\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapping");
        assertThatThrownBy(() -> TrainConfigFile.parse("epochs: [\n", d, "run.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run.yaml");
        // a missing file is the user's data, not a usage error (exit 1, as train has always answered it)
        assertThatThrownBy(() -> TrainConfigFile.load(dir.resolve("nope.yaml"), d))
                .isInstanceOf(io.pxrcad.DataException.class)
                .hasMessage("cannot read config file " + dir.resolve("nope.yaml") + ": no such file or folder");
    }

    @Test
    void valuesOutsideTheirBoundsOrOfTheWrongKindNameTheKeyAndFileInOneLine() {
        TrainConfig d = TrainConfig.defaults();
        assertThatThrownBy(() -> TrainConfigFile.parse("imageSize: 100000\n", d, "run.yaml"))
                .hasMessage("imageSize must be between 32 and 4096 but was 100000 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("imageSize: 7\n", d, "run.yaml"))
                .hasMessage("imageSize must be between 32 and 4096 but was 7 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("roiInput: 8\n", d, "run.yaml"))
                .hasMessage("roiInput must be between 32 and 1024 but was 8 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("epochs: 1000000\n", d, "run.yaml"))
                .hasMessage("epochs must be at most 100000 but was 1000000 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("learningRate: 5\n", d, "run.yaml"))
                .hasMessage("learningRate must be at most 1 but was 5.0 in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("imageSize: abc\n", d, "run.yaml"))
                .hasMessage("imageSize must be a whole number but was \"abc\" in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("augment: maybe\n", d, "run.yaml"))
                .hasMessage("augment must be true or false but was \"maybe\" in run.yaml");
        assertThatThrownBy(() -> TrainConfigFile.parse("a: b: c\n", d, "run.yaml"))
                .hasMessageStartingWith("expected a YAML or JSON mapping in run.yaml: ").hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theDocumentedPseudoCellsConfigurationLoadsOntoTheSmallPreset() throws Exception {
        TrainConfig c = TrainConfigFile.load(io.pxrcad.RepoTestdata.root().resolve("docs/configs/pseudo-cells.yaml"),
                Preset.SMALL.config());
        assertThat(c).isEqualTo(Preset.SMALL.config().withLseOfLogits(true).withPseudoCells(true).withPatience(40)
                .withTopRois(true).withRoisPerImage(3).withChainRois(5).withStage2BestByLoss(true));
        assertThat(TrainConfigFile.load(io.pxrcad.RepoTestdata.root().resolve("docs/configs/pseudo-cells-refined.yaml"),
                Preset.SMALL.config())).isEqualTo(c.withRefineCellsAfter(10));
        assertThat(TrainConfigFile.load(io.pxrcad.RepoTestdata.root().resolve("docs/configs/localisation.yaml"),
                Preset.SMALL.config())).isEqualTo(c.withRefineCellsAfter(10).withEpochs(40).withPositiveRois(1));
        assertThat(TrainConfigFile.load(io.pxrcad.RepoTestdata.root().resolve("docs/configs/restart.yaml"),
                Preset.SMALL.config())).isEqualTo(c.withRefineCellsAfter(10).withEpochs(80).withPositiveRois(1).withRestartAfter(40));
        assertThat(TrainConfig.defaults().restartAfter()).isZero();
        assertThatThrownBy(() -> TrainConfig.defaults().withRestartAfter(-1)).hasMessage("restartAfter must be between 0 and 100000 but was -1");
        assertThatThrownBy(() -> TrainConfig.defaults().withNormalCellShare(1)).hasMessage("normalCellShare must be in [0,1) but was 1.0");
        assertThatThrownBy(() -> TrainConfig.defaults().withRefineCellsAfter(-1)).hasMessage("refineCellsAfter must be between 0 and 100000 but was -1");
        TrainConfig refined = TrainConfig.defaults().withNormalCellShare(0.25).withRefineCellsAfter(4);
        assertThat(refined.normalCellShare()).isEqualTo(0.25);
        assertThat(refined.refineCellsAfter()).isEqualTo(4);
        assertThat(refined.withRoisPerImage(2).refineCellsAfter()).isEqualTo(4);
    }

    @Test
    void positiveRoisDefaultToKAndStayWithinIt() throws Exception {
        // METHOD.md: K probable positives per positive image as per negative one
        assertThat(TrainConfig.defaults().positiveRois()).isZero();
        assertThat(TrainConfig.defaults().positiveRoisPerImage()).isEqualTo(5);
        TrainConfig one = TrainConfig.defaults().withRoisPerImage(3).withPositiveRois(1);
        assertThat(one.positiveRoisPerImage()).isEqualTo(1);
        assertThat(one.roisPerImage()).isEqualTo(3);
        assertThat(one.withChainRois(5).positiveRois()).isEqualTo(1);
        assertThatThrownBy(() -> TrainConfig.defaults().withPositiveRois(6))
                .hasMessage("positiveRois must be between 0 (as many as roisPerImage) and roisPerImage (5) but was 6");
        assertThatThrownBy(() -> TrainConfig.defaults().withPositiveRois(-1)).hasMessageContaining("but was -1");
        assertThatThrownBy(() -> TrainConfigFile.parse("roisPerImage: 2\npositiveRois: 3\n", Preset.SMALL.config(), "x.yaml"))
                .hasMessage("positiveRois must be between 0 (as many as roisPerImage) and roisPerImage (2) but was 3 in x.yaml");
        assertThat(TrainConfigFile.parse("roisPerImage: 3\npositiveRois: 1\n", Preset.SMALL.config(), "x.yaml").positiveRoisPerImage())
                .isEqualTo(1);
    }
}
