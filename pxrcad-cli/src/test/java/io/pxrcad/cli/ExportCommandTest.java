package io.pxrcad.cli;

import ai.djl.Device;
import ai.djl.Model;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchModels;
import io.pxrcad.train.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pxrcad export}: one ONNX file per network, reruns replace only *.onnx, errors in one line. */
class ExportCommandTest {
    @TempDir
    Path dir;

    /** A two-stage model of the tiny preset's networks (fresh weights), as training saves it. */
    static Path tinyModel(Path dir) throws Exception {
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(Preset.TINY.stage1()), Device.cpu());
             Model s2 = Networks.stage2(NetworkConfig.stage2(Preset.TINY.stage2(), true), Device.cpu())) {
            Map<String, Network> nets = new LinkedHashMap<>();
            nets.put(ModelArtifact.STAGE1, Networks.network(s1));
            nets.put(ModelArtifact.STAGE2, Networks.network(s2));
            return TorchModels.save(dir, new ArtifactInfo("two-stage", PreprocessConfig.ofSize(128), 51, 32, 0.5,
                    new ArtifactInfo.Thresholds(0.2, 0.5), Map.of()), nets).dir();
        }
    }

    @Test
    void writesOneOnnxFilePerNetworkAndReplacesOnlyItsOwn() throws Exception {
        Path model = tinyModel(dir.resolve("model"));
        Path out = dir.resolve("onnx");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.onnx"), "stale");
        Files.writeString(out.resolve("notes.txt"), "keep");
        MainTest.Result r = MainTest.run("export", "--model", model.toString(), "--format", "onnx", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.contains("ONNX opset 17, model two-stage version "));
        assertThat(out.resolve("stage1.onnx")).isNotEmptyFile();
        assertThat(out.resolve("stage2.onnx")).isNotEmptyFile();
        assertThat(out.resolve("old.onnx")).doesNotExist();
        assertThat(out.resolve("notes.txt")).hasContent("keep");
    }

    @Test
    void writesTheInt8NetworksBesideTheFloatOnes() throws Exception {
        Path model = tinyModel(dir.resolve("model"));
        Path out = dir.resolve("onnx");
        MainTest.Result r = MainTest.run("export", "--model", model.toString(), "--precision", "fp32,int8", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(4);
        assertThat(r.out().lines().filter(l -> l.endsWith(", int8)"))).hasSize(2);
        for (String f : List.of("stage1.onnx", "stage2.onnx", "stage1.int8.onnx", "stage2.int8.onnx")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        // int8 weights take a quarter of the bytes
        assertThat(Files.size(out.resolve("stage1.int8.onnx"))).isLessThan(Files.size(out.resolve("stage1.onnx")) / 2);
        r = MainTest.run("export", "--model", model.toString(), "--precision", "int4", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --precision: expected precision fp32 or int8 but was 'int4'");
    }

    @Test
    void aWrongFormatOrModelIsOneLine() throws Exception {
        Path out = dir.resolve("onnx");
        MainTest.Result r = MainTest.run("export", "--model", dir.toString(), "--format", "tflite", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines()).first().isEqualTo("pxrcad: --format: expected onnx but was 'tflite'");
        r = MainTest.run("export", "--model", dir.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err().lines()).containsExactly("pxrcad: not a model artifact: " + dir.resolve("model.json") + " does not exist");
        assertThat(out).doesNotExist();
    }
}
