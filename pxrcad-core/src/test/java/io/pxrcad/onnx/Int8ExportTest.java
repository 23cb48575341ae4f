package io.pxrcad.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.pxrcad.Radiograph;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.NetworkRunner;
import io.pxrcad.infer.Tensor;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.phantom.PhantomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The int8 export: two-stage models of the tiny and small presets' networks (VGG, small-input
 * ResNet) and of DenseNet and ResNet-18 (the paper's, in small widths where they have them)
 * become QDQ files that pass ONNX's checker, that ONNX Runtime turns into integer kernels for the
 * whole backbone (no float Conv but the MIL head, no BatchNormalization left), and whose outputs
 * on phantoms stay close to float32: probabilities within {@value #PROBABILITY}, features within
 * {@value #FEATURES} of their largest magnitude. The same check fails for a deliberately broken
 * calibration (ranges an eighth of those measured), so the tolerance can tell.
 */
class Int8ExportTest {
    static final double PROBABILITY = 0.01;
    static final double FEATURES = 0.05;

    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(Architecture.TINY_VGG, Architecture.SMALL_INPUT_RESNET, 96, 32),
                Arguments.of(Architecture.TINY_DENSENET, Architecture.RESNET18, 128, 64));
    }

    @ParameterizedTest
    @MethodSource("models")
    void passesTheCheckerRunsAsIntegerKernelsAndStaysCloseToFloat(Architecture s1, Architecture s2, int size, int roiInput)
            throws Exception {
        ModelArtifact artifact = RandomModels.twoStage(dir.resolve("model"), NetworkConfig.stage1(s1),
                NetworkConfig.stage2(s2, true), size, size / 3, roiInput);
        List<Path> files = OnnxExport.write(artifact, dir.resolve("onnx"), Precision.INT8);
        assertThat(files).containsExactly(dir.resolve("onnx/stage1.int8.onnx"), dir.resolve("onnx/stage2.int8.onnx"));
        for (Path f : files) {
            OnnxChecker.check(f);
            OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(f));
            Map<String, String> meta = m.getMetadataPropsList().stream().collect(Collectors.toMap(
                    OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue));
            assertThat(meta).containsEntry("precision", "int8").containsKey("calibration");
            Map<String, Long> ops = optimizedOps(Files.readAllBytes(f));
            assertThat(ops.get("QLinearConv")).as(f + " integer convolutions").isPositive();
            // float32 convolutions left: the MIL head's only (stage 1), none in stage 2
            assertThat(ops.getOrDefault("Conv", 0L) + ops.getOrDefault("FusedConv", 0L)).as(f + " " + ops)
                    .isEqualTo(f.getFileName().toString().startsWith("stage1") ? 1 : 0);
            assertThat(ops).doesNotContainKey("BatchNormalization");
        }
        Map<String, Tensor> inputs = phantomInputs(artifact);
        for (String name : List.of(ModelArtifact.STAGE1, ModelArtifact.STAGE2)) {
            try (NetworkRunner f = OrtRunner.ENGINE.open(artifact, name, "cpu"); NetworkRunner q = OrtRunner.INT8.open(artifact, name, "cpu")) {
                List<Tensor> a = q.forward(inputs.get(name)), e = f.forward(inputs.get(name));
                assertThat(worst(a, e, artifact.network(name).config())).as(name).isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    void aBrokenCalibrationFailsTheSameTolerance() throws Exception {
        ModelArtifact artifact = RandomModels.twoStage(dir.resolve("model"), NetworkConfig.stage1(Architecture.TINY_VGG),
                NetworkConfig.stage2(Architecture.SMALL_INPUT_RESNET, true), 96, 32, 32);
        OnnxExport.Built b = OnnxExport.build(artifact, ModelArtifact.STAGE1, true);
        List<String> tensors = QdqRewrite.measured(b.model().getGraph(), b.features());
        Map<String, QdqRewrite.Range> ranges = new HashMap<>();
        // the true ranges of this model's activations are far wider than these
        for (String t : tensors) ranges.put(t, new QdqRewrite.Range(-0.05f, 0.05f));
        byte[] broken = QdqRewrite.quantize(b.model(), b.features(), ranges).toByteArray();
        Tensor x = phantomInputs(artifact).get(ModelArtifact.STAGE1);
        try (NetworkRunner f = OrtRunner.ENGINE.open(artifact, ModelArtifact.STAGE1, "cpu");
             NetworkRunner q = OrtRunner.of(broken, 96, "broken")) {
            assertThat(worst(q.forward(x), f.forward(x), artifact.network(ModelArtifact.STAGE1).config())).isGreaterThan(1.0);
        }
    }

    @Test
    void detectsOnPhantomsAsFloatDoes() throws Exception {
        ModelArtifact artifact = RandomModels.twoStage(dir.resolve("model"), NetworkConfig.stage1(Architecture.TINY_DENSENET),
                NetworkConfig.stage2(Architecture.SMALL_INPUT_RESNET, true), 96, 32, 32);
        PhantomGenerator phantoms = new PhantomGenerator(PhantomConfig.defaults().withSize(136).withSeed(9));
        List<Radiograph> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) images.add(i % 2 == 0 ? phantoms.render(i).image() : phantoms.renderWithoutFractures(i).image());
        List<Detection> fp32, int8;
        try (FractureDetector d = FractureDetector.load(artifact.dir(), "cpu", OrtRunner.ENGINE)) {
            fp32 = d.detect(images, 2);
        }
        try (FractureDetector d = FractureDetector.load(artifact.dir(), "cpu", Engines.named("onnx", "auto", Precision.INT8))) {
            int8 = d.detect(images, 2);
        }
        for (int k = 0; k < images.size(); k++) {
            assertThat(int8.get(k).probability()).isCloseTo(fp32.get(k).probability(), within(PROBABILITY));
            assertThat(int8.get(k).stage1()).isCloseTo(fp32.get(k).stage1(), within(PROBABILITY));
            assertThat(int8.get(k).stage2()).isCloseTo(fp32.get(k).stage2(), within(PROBABILITY));
        }
    }

    @Test
    void unknownPrecisionsAndInt8OnDjlAreRefusedInOneLine() {
        assertThat(Precision.parse(" INT8 ")).isEqualTo(Precision.INT8);
        assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected precision fp32 or int8 but was 'fp16'");
        assertThatThrownBy(() -> Engines.named("djl", "cpu", Precision.INT8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("precision int8 needs engine onnx (djl runs fp32 only)");
        assertThat(Engines.named("onnx", "cpu", Precision.INT8).describe("cpu")).contains("int8");
    }

    /**
     * The largest difference of int8 outputs {@code a} from float32 {@code e} in units of the
     * tolerance: probabilities absolute over {@value #PROBABILITY}, features over {@value #FEATURES}
     * of their largest magnitude; at most 1 passes.
     */
    static double worst(List<Tensor> a, List<Tensor> e, NetworkConfig config) {
        List<String> names = OnnxExport.outputs(config);
        double worst = 0;
        for (int k = 0; k < e.size(); k++) {
            float[] x = a.get(k).data(), y = e.get(k).data();
            double scale = PROBABILITY;
            if (names.get(k).equals("features")) {
                double max = 0;
                for (float v : y) max = Math.max(max, Math.abs(v));
                scale = FEATURES * max;
            }
            for (int i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / scale);
        }
        return worst;
    }

    /** Four preprocessed phantoms per network, at its input side (stage 2: the whole image as if it were a ROI). */
    private static Map<String, Tensor> phantomInputs(ModelArtifact artifact) {
        PhantomGenerator phantoms = new PhantomGenerator(PhantomConfig.defaults().withSize(160).withSeed(31));
        Map<String, Tensor> out = new HashMap<>();
        for (String name : artifact.metadata().networks().keySet()) {
            int side = OnnxExport.inputSide(artifact, name);
            Preprocessor pre = new Preprocessor(PreprocessConfig.ofSize(side));
            int per = 3 * side * side;
            float[] x = new float[4 * per];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(pre.toInput(phantoms.render(100 + i).image()), 0, x, i * per, per);
            }
            out.put(name, Tensor.of(x, 4, 3, side, side));
        }
        return out;
    }

    private static Map<String, Long> optimizedOps(byte[] model) throws Exception {
        Path opt = Files.createTempFile("pxrcad-int8", ".onnx");
        try {
            // the graph ONNX Runtime runs after its optimisations (the integer kernels that replace QDQ groups)
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setOptimizedModelFilePath(opt.toString());
                OrtEnvironment.getEnvironment().createSession(model, options).close();
            }
            return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(opt)).getGraph().getNodeList().stream()
                    .collect(Collectors.groupingBy(OnnxMl.NodeProto::getOpType, Collectors.counting()));
        } finally {
            Files.deleteIfExists(opt);
        }
    }
}
