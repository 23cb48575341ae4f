package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.DataException;
import io.pxrcad.ProgressListener;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.data.ImageFiles;
import io.pxrcad.image.AugmentConfig;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.model.ImportReport;
import io.pxrcad.model.Losses;
import io.pxrcad.model.MaskedImageModel;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.model.WeightExport;
import io.pxrcad.model.WeightImport;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pretraining on 8 generated 64-px phantoms, one or two epochs of {@code tiny-vgg} (2 steps of 4 images each). */
class PretrainingTest {
    private static final PretrainConfig TINY = PretrainConfig.defaults(Architecture.TINY_VGG)
            .withImageSize(64).withEpochs(2).withBatchSize(4).withNumWorkers(1).withSeed(7);

    @TempDir
    static Path shared;
    private static Path cohort;
    private static List<Path> images;
    /** The uninterrupted 2-epoch run, for the tests that only read it. */
    private static Pretraining.Result full;

    @TempDir
    Path dir;

    @BeforeAll
    static void cohortAndOneRun() throws Exception {
        cohort = shared.resolve("cohort");
        CohortWriter.write(PhantomConfig.defaults().withSize(64).withDifficulty(0).withSeed(5), cohort, 8, 1, ProgressListener.NONE);
        images = ImageFiles.listed(cohort.resolve("manifest.csv"));
        full = Pretraining.run(TINY, images, shared.resolve("full/vgg.safetensors"), "cpu", false, ProgressListener.NONE);
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedWeightsAndTheLossFalls() throws Exception {
        Path out = dir.resolve("vgg.safetensors");
        Pretraining.run(TINY.withEpochs(1), images, out, "cpu", false, ProgressListener.NONE);
        Path afterOne = Files.copy(Pretraining.checkpointDir(out).resolve("last/weights.safetensors"), dir.resolve("epoch1.safetensors"));
        Pretraining.Result resumed = Pretraining.run(TINY, images, out, "cpu", true, ProgressListener.NONE);

        assertThat(resumed.losses()).hasSize(2).isEqualTo(full.losses());
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(full.weights()));
        assertThat(full.losses().get(1)).isLessThan(full.losses().get(0));

        // the reconstruction loss of one fixed masked batch: fresh init > after 1 epoch > after 2
        Path afterTwo = Pretraining.checkpointDir(full.weights()).resolve("last/weights.safetensors");
        float fresh = fixedBatchLoss(null), one = fixedBatchLoss(afterOne), two = fixedBatchLoss(afterTwo);
        assertThat(one).isLessThan(fresh);
        assertThat(two).isLessThan(one);
    }

    @Test
    void theOutputLoadsIntoAStageOneNetworkWithEveryBackboneTensorAndChangesIt() throws Exception {
        try (Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_VGG), Device.cpu())) {
            Network net = Networks.network(m);
            Map<String, float[]> before = values(net.backbone());
            ImportReport r = WeightImport.loadBackbone(net, full.weights());
            assertThat(r.loaded()).hasSize(full.tensors()).containsExactlyInAnyOrderElementsOf(
                    WeightExport.parameters(net.backbone()).keySet());
            assertThat(r.ignored()).isEmpty();
            Map<String, float[]> after = values(net.backbone());
            assertThat(after.get("stage1.conv1.weight")).isNotEqualTo(before.get("stage1.conv1.weight"));
            assertThat(after.get("stage5.conv2.weight")).isNotEqualTo(before.get("stage5.conv2.weight"));
        }
        JsonNode summary = new ObjectMapper().readTree(full.summary().toFile());
        assertThat(summary.get("arch").asText()).isEqualTo("tiny-vgg");
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("images").asInt()).isEqualTo(8);
        assertThat(summary.get("seed").asLong()).isEqualTo(7);
        assertThat(summary.get("finalLoss").asDouble()).isEqualTo(full.finalLoss());
    }

    /** Stage 2 of the reduced presets runs on 32- or 64-px ROIs: weights pretrained on whole images still load and run there. */
    @Test
    void aSmallInputResNetPretrainedOnWholeImagesLoadsIntoStageTwo() throws Exception {
        Path out = dir.resolve("resnet.safetensors");
        PretrainConfig cfg = PretrainConfig.defaults(Architecture.SMALL_INPUT_RESNET).withImageSize(64).withEpochs(1)
                .withBatchSize(4).withNumWorkers(1);
        assertThat(cfg.patch()).isEqualTo(8);
        Pretraining.Result r = Pretraining.run(cfg, images.subList(0, 4), out, "cpu", false, ProgressListener.NONE);
        try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.SMALL_INPUT_RESNET, true), Device.cpu());
             NDManager nd = m.getNDManager().newSubManager()) {
            Network net = Networks.network(m);
            assertThat(WeightImport.loadBackbone(net, out).loaded()).hasSize(r.tensors())
                    .hasSize(WeightExport.parameters(net.backbone()).size());
            NDList y = net.forward(new ParameterStore(nd, false), new NDList(nd.randomNormal(new Shape(2, 3, 32, 32))), false);
            assertThat(y.head().getShape()).isEqualTo(new Shape(2, 1));
        }
    }

    @Test
    void aManifestsLabelsTypesAndBoxesDoNotChangeTheResult() throws Exception {
        List<io.pxrcad.data.Csv.Row> rows = io.pxrcad.data.Csv.parse(Files.readString(cohort.resolve("manifest.csv")));
        List<String> header = rows.get(0).fields();
        List<String> flipped = new ArrayList<>(List.of("image,patient,label,type,boxes"));
        for (io.pxrcad.data.Csv.Row row : rows.subList(1, rows.size())) {
            // another patient, the opposite label, no type or box
            String label = row.fields().get(header.indexOf("label"));
            flipped.add(row.fields().get(header.indexOf("image")) + ",X," + (label.equals("1") ? "0" : "1") + ",,");
        }
        Path other = Files.write(cohort.resolve("flipped.csv"), flipped);
        assertThat(ImageFiles.listed(other)).isEqualTo(images);
        // the same files give the same weights: one step on the first four, as read from either table
        PretrainConfig one = TINY.withEpochs(1);
        Pretraining.Result a = Pretraining.run(one, images.subList(0, 4), dir.resolve("a.safetensors"), "cpu", false,
                ProgressListener.NONE);
        Pretraining.Result b = Pretraining.run(one, ImageFiles.listed(other).subList(0, 4), dir.resolve("b.safetensors"), "cpu",
                false, ProgressListener.NONE);
        assertThat(Files.readAllBytes(b.weights())).isEqualTo(Files.readAllBytes(a.weights()));
    }

    @Test
    void unreadableImagesAreLeftOutAndCountedAndNoneReadableIsADataError() throws Exception {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            copies.add(Files.copy(images.get(i), dir.resolve("img" + i + images.get(i).getFileName())));
        }
        Files.writeString(copies.get(1), "truncated");
        Files.writeString(copies.get(4), "");
        PretrainConfig one = TINY.withEpochs(1);
        Pretraining.Result r = Pretraining.run(one, copies, dir.resolve("w.safetensors"), "cpu", false, ProgressListener.NONE);
        assertThat(r.images()).isEqualTo(4);
        assertThat(r.skipped()).hasSize(2);
        assertThat(r.skipped().get(0)).startsWith(copies.get(1) + ": ");
        assertThat(r.skipped().get(1)).startsWith(copies.get(4) + ": ");

        List<Path> broken = List.of(copies.get(1), copies.get(4), dir.resolve("missing.png"));
        assertThatThrownBy(() -> Pretraining.run(one, broken, dir.resolve("x.safetensors"), "cpu", false, ProgressListener.NONE))
                .isInstanceOf(DataException.class).hasMessageStartingWith("none of the 3 images could be read: " + copies.get(1));
        assertThat(dir.resolve("x.safetensors")).doesNotExist();
    }

    @Test
    void resumeRefusesOtherSettingsAndFewerEpochsThanDone() throws Exception {
        Path out = full.weights();
        byte[] weights = Files.readAllBytes(out);
        assertThatThrownBy(() -> Pretraining.run(TINY.withMaskRatio(0.5), images, out, "cpu", true, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resume from " + Pretraining.checkpointDir(out) + ": maskRatio differs (checkpoint: 0.6, now: 0.5)");
        assertThatThrownBy(() -> Pretraining.run(TINY, images.subList(1, 8), out, "cpu", true, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images differs (checkpoint: 8 (sha256 ");
        assertThatThrownBy(() -> Pretraining.run(TINY.withEpochs(1), images, out, "cpu", true, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("it has 2 epochs, more than the 1 asked for");
        // a finished run resumed with its own settings trains nothing more and writes the same file
        Pretraining.Result again = Pretraining.run(TINY.withNumWorkers(0), images, out, "cpu", true, ProgressListener.NONE);
        assertThat(again.losses()).isEqualTo(full.losses());
        assertThat(Files.readAllBytes(out)).isEqualTo(weights);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> TINY.withImageSize(80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("imageSize must be a multiple of 32 (the stride of the tiny-vgg backbone) but was 80");
        assertThatThrownBy(() -> TINY.withImageSize(32)).hasMessage("imageSize must be between 64 and 4096 but was 32");
        assertThatThrownBy(() -> TINY.withMaskRatio(1)).hasMessage("maskRatio must be in (0, 1) but was 1.0");
        assertThat(PretrainConfig.defaults(Architecture.SMALL_INPUT_RESNET).imageSize()).isEqualTo(160);
        assertThat(PretrainConfig.defaults(Architecture.DENSENET121).learningRate()).isEqualTo(1e-4);
    }

    /** The masked L1 loss of one fixed batch (the first 4 images, fixed masks), batch norm on the batch's statistics. */
    private static float fixedBatchLoss(Path weights) throws Exception {
        io.pxrcad.model.TorchEngine.seed(TINY.seed());
        try (Model m = MaskedImageModel.newModel(Architecture.TINY_VGG, Device.cpu());
             NDManager nd = m.getNDManager().newSubManager()) {
            MaskedImageModel mim = MaskedImageModel.of(m);
            if (weights != null) WeightImport.loadAll(mim, weights);
            Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(64));
            MaskedImages set = new MaskedImages(TINY.withSeed(99).withBatchSize(4), ImageSource.unlabelled(images, pre, 1 << 20),
                    new int[] {0, 1, 2, 3}, pre, new Augmenter(AugmentConfig.none()));
            set.startEpoch(1);
            MaskedImages.Batch b = set.batch(0);
            Shape grey = new Shape(b.n(), 1, 64, 64);
            NDArray y = mim.forward(new ParameterStore(nd, false), new NDList(nd.create(b.x(), new Shape(b.n(), 3, 64, 64))), true).head();
            return Losses.maskedL1(y, nd.create(b.target(), grey), nd.create(b.mask(), grey)).getFloat();
        }
    }

    private static Map<String, float[]> values(ai.djl.nn.Block block) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : WeightExport.parameters(block).entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
