package io.pxrcad.onnx;

import io.pxrcad.Radiograph;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.TorchRunner;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.phantom.PhantomGenerator;
import io.pxrcad.train.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The ONNX Runtime engine behind the inference seam: a two-stage model of the tiny and the small
 * preset's networks gives on phantoms (with and without fractures, in batches of 4 and 2; DJL in
 * batches of 3) the same
 * detections as DJL to 1e-4: probability, both stage scores, type, map and its maximum cell, and
 * so the same ROI and band.
 */
class OrtEngineTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"TINY", "SMALL"})
    void detectsAsDjlDoesOnPhantoms(Preset preset) throws Exception {
        int size = preset.config().imageSize();
        ModelArtifact artifact = RandomModels.twoStage(dir.resolve("model"), NetworkConfig.stage1(preset.stage1()),
                NetworkConfig.stage2(preset.stage2(), true), size, (int) Math.round(preset.config().roiFraction() * size),
                preset.config().roiInput());
        PhantomGenerator phantoms = new PhantomGenerator(PhantomConfig.defaults().withSize(size + 40).withSeed(9));
        List<Radiograph> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(i % 2 == 0 ? phantoms.render(i).image() : phantoms.renderWithoutFractures(i).image());
        }
        List<Detection> djl, ort;
        try (FractureDetector d = FractureDetector.load(artifact.dir(), "cpu", TorchRunner.ENGINE)) {
            djl = d.detect(images, 3);
        }
        try (FractureDetector d = FractureDetector.load(artifact.dir(), "cpu", OrtRunner.ENGINE)) {
            // batches of 4 then 2: each thread's input buffer is reused for a smaller batch after a larger one
            ort = d.detect(images, 4);
        }
        for (int k = 0; k < images.size(); k++) {
            Detection a = ort.get(k), e = djl.get(k);
            assertThat(a.cell()).as("map maximum of image " + k).isEqualTo(e.cell());
            assertThat(a.roi()).isEqualTo(e.roi());
            assertThat(a.probability()).isCloseTo(e.probability(), within(1e-4));
            assertThat(a.stage1()).isCloseTo(e.stage1(), within(1e-4));
            assertThat(a.stage2()).isCloseTo(e.stage2(), within(1e-4));
            assertThat(a.typeProbability()).isCloseTo(e.typeProbability(), within(1e-4));
            assertThat(a.band()).isEqualTo(e.band());
            float[] am = a.map().values(), em = e.map().values();
            assertThat(am).hasSameSizeAs(em);
            for (int i = 0; i < em.length; i++) assertThat(am[i]).isCloseTo(em[i], within(1e-4f));
        }
    }

    @Test
    void refusesAGpuDeviceInOneLine() throws Exception {
        ModelArtifact artifact = RandomModels.twoStage(dir.resolve("model"), NetworkConfig.stage1(Preset.TINY.stage1()),
                NetworkConfig.stage2(Preset.TINY.stage2(), true), 64, 26, 32);
        assertThatThrownBy(() -> FractureDetector.load(artifact.dir(), "gpu0", OrtRunner.ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected device auto or cpu for the onnx engine (CPU only) but was 'gpu0'");
    }
}
