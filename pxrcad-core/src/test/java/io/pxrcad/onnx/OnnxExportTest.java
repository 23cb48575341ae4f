package io.pxrcad.onnx;

import ai.djl.Device;
import ai.onnx.proto.OnnxMl;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.infer.NetworkRunner;
import io.pxrcad.infer.Tensor;
import io.pxrcad.infer.TorchRunner;
import io.pxrcad.model.TorchModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every network pxrcad builds, exported to ONNX: the file passes ONNX's own checker with full
 * shape inference (org.bytedeco:onnx, ONNX 1.14), carries its metadata, and ONNX Runtime
 * reproduces the DJL network's outputs to 1e-4 (features: relative) on a batch of two, with batch
 * norm statistics made non-trivial so that folding them is tested.
 */
class OnnxExportTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(NetworkConfig.stage1(Architecture.TINY_VGG), 96),
                Arguments.of(NetworkConfig.stage1(Architecture.TINY_DENSENET), 96),
                Arguments.of(NetworkConfig.stage1(Architecture.DENSENET121), 96),
                Arguments.of(NetworkConfig.stage1(Architecture.TINY_RESNET).withLseR(5), 64),
                Arguments.of(NetworkConfig.stage2(Architecture.SMALL_INPUT_RESNET, true), 32),
                Arguments.of(NetworkConfig.stage2(Architecture.RESNET18, true), 64),
                Arguments.of(NetworkConfig.stage2(Architecture.TINY_RESNET, false), 64),
                Arguments.of(new NetworkConfig(NetworkConfig.Role.BASELINE_GAP, Architecture.TINY_DENSENET, 10, false), 64),
                Arguments.of(new NetworkConfig(NetworkConfig.Role.BASELINE_LSE, Architecture.TINY_VGG, 10, false), 64));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void passesTheCheckerAndReproducesDjl(NetworkConfig config, int side) throws Exception {
        String name = config.role() == NetworkConfig.Role.STAGE2_ROI ? ModelArtifact.STAGE2
                : config.role() == NetworkConfig.Role.STAGE1_MIL ? ModelArtifact.STAGE1 : ModelArtifact.MODEL;
        // stage 2 reads ROIs of roiInput px, the others whole images of imageSize px
        ModelArtifact artifact = RandomModels.save(dir.resolve("model"), RandomModels.info(side, side / 2, side),
                Map.of(name, config), 3);
        List<Path> files = OnnxExport.write(artifact, dir.resolve("onnx"));
        assertThat(files).containsExactly(dir.resolve("onnx").resolve(name + ".onnx"));
        OnnxChecker.check(files.get(0));

        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(files.get(0)));
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(m.getGraph().getInput(0).getName()).isEqualTo("image");
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
        assertThat(m.getGraph().getOutputList().stream().map(OnnxMl.ValueInfoProto::getName)).containsExactlyElementsOf(
                OnnxExport.outputs(config));
        Map<String, String> meta = m.getMetadataPropsList().stream().collect(Collectors.toMap(
                OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue));
        assertThat(meta).containsEntry("model_id", "two-stage").containsEntry("model_version", artifact.version())
                .containsEntry("weights_sha256", artifact.metadata().networks().get(name).sha256())
                .containsEntry("role", config.role().id())
                .containsEntry("thresholds", "{\"suspicious\":0.2,\"fracture\":0.5}");
        assertThat(meta.get("preprocessing")).contains("\"imageSize\":" + side).contains("\"mean\":[0.485,0.456,0.406]");
        assertThat(m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).count()).isPositive();

        Tensor x = randomInput(2, side, 11);
        try (NetworkRunner djl = new TorchRunner(TorchModels.load(artifact, name, Device.cpu()));
             NetworkRunner ort = OrtRunner.ENGINE.open(artifact, name, "cpu")) {
            assertClose(ort.forward(x), djl.forward(x), config + " at " + side + " px");
            // one image alone gives what it gave in the batch (the batch dimension is free)
            Tensor one = Tensor.of(x.item(1), 1, 3, side, side);
            List<Tensor> a = ort.forward(one), b = djl.forward(one);
            assertClose(a, b, config + " batch 1");
        }
    }

    @Test
    void theCheckerRefusesAGraphWhoseDeclaredShapeIsWrong() throws Exception {
        ModelArtifact artifact = RandomModels.save(dir.resolve("model"), RandomModels.info(64, 32, 64),
                Map.of(ModelArtifact.STAGE1, NetworkConfig.stage1(Architecture.TINY_VGG)), 3);
        OnnxMl.ModelProto m = OnnxExport.model(artifact, ModelArtifact.STAGE1);
        OnnxMl.ModelProto.Builder b = m.toBuilder();
        // the map is (N,1,2,2) at 64 px; declare 3 rows instead
        b.getGraphBuilder().getOutputBuilder(1).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(2)
                .setDimValue(3);
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, b.build().toByteArray());
        OnnxChecker.check(dir.resolve("good.onnx"), m.toByteArray());
        assertThatThrownBy(() -> OnnxChecker.check(bad)).hasMessageContaining("map");
    }

    @Test
    void aWeightFileOfAnotherNetworkIsRefusedByName() throws Exception {
        ModelArtifact artifact = RandomModels.save(dir.resolve("model"), RandomModels.info(64, 32, 64),
                Map.of(ModelArtifact.STAGE1, NetworkConfig.stage1(Architecture.TINY_VGG)), 3);
        // same weights, told it is a ResNet: the first tensor the ResNet graph asks for is missing
        Path json = artifact.dir().resolve(ModelArtifact.METADATA_FILE);
        Files.writeString(json, Files.readString(json).replace("\"tiny-vgg\"", "\"tiny-resnet\""));
        ModelArtifact edited = ModelArtifact.load(artifact.dir());
        assertThatThrownBy(() -> OnnxExport.export(edited, ModelArtifact.STAGE1))
                .hasMessageContaining("has no tensor conv1.weight").hasMessageContaining("stage1.safetensors");
    }

    static Tensor randomInput(int n, int side, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * 3 * side * side];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Tensor.of(v, n, 3, side, side);
    }

    static void assertClose(List<Tensor> actual, List<Tensor> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            Tensor a = actual.get(k), e = expected.get(k);
            assertThat(a.shape()).as(what + " output " + k).containsExactly(e.shape());
            double worst = 0;
            for (int i = 0; i < e.data().length; i++) {
                double d = Math.abs(a.data()[i] - e.data()[i]) / Math.max(1, Math.abs(e.data()[i]));
                worst = Math.max(worst, d);
            }
            assertThat(worst).as(what + " output " + k + " largest difference").isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
