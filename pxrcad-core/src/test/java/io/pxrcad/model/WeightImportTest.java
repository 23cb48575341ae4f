package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.artifact.ModelArtifact;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightImportTest {
    @TempDir
    Path tmp;

    /** A torchvision ResNet-18 state dict (ImageNet classifier {@code fc.*} included) with formula weights. */
    private Path resnet18;

    @BeforeEach
    void writeResNet18StateDict() throws IOException {
        resnet18 = tmp.resolve("resnet18.safetensors");
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu())) {
            Block classifier = ResNet.resnet18().classifier(1000);
            classifier.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            Files.write(resnet18, FormulaWeights.fromMetadata(TorchvisionEquivalenceTest.io("resnet18")).stateDict(classifier));
        }
    }

    @Test
    void loadsTheTorchvisionBackboneAndIgnoresTheImageNetClassifier() {
        try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.RESNET18, true), Device.cpu())) {
            Network net = Networks.network(m);
            float[] headBefore = TorchNames.of(net).get("fracture.weight").getArray().toFloatArray();
            ImportReport r = WeightImport.loadBackbone(net, resnet18);
            assertThat(r.loaded()).hasSize(TorchNames.of(net.backbone()).size()).contains("layer4.1.bn2.running_var");
            assertThat(r.ignored()).containsExactlyInAnyOrder("fc.weight", "fc.bias");
            assertThat(r.summary()).startsWith("loaded 100 tensors from resnet18.safetensors; ignored 2");
            assertThat(TorchNames.of(net).get("fracture.weight").getArray().toFloatArray()).containsExactly(headBefore);
        }
    }

    @Test
    void aMissingExtraOrWronglyShapedTensorIsNamed() throws IOException {
        Path missing = rewrite("missing", l -> drop(l, "layer2.0.downsample.1.running_mean"));
        Path extra = rewrite("extra", l -> {
            NDArray a = l.getManager().zeros(new Shape(3, 4));
            a.setName("layer5.0.conv1.weight");
            l.add(a);
            return l;
        });
        Path shape = rewrite("shape", l -> {
            NDList out = drop(l, "conv1.weight");
            NDArray a = l.getManager().zeros(new Shape(64, 1, 7, 7));
            a.setName("conv1.weight");
            out.add(a);
            return out;
        });
        try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.RESNET18, false), Device.cpu())) {
            Network net = Networks.network(m);
            assertThatThrownBy(() -> WeightImport.loadBackbone(net, missing)).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("missing tensor layer2.0.downsample.1.running_mean (expected shape (128))");
            assertThatThrownBy(() -> WeightImport.loadBackbone(net, extra)).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("extra tensor layer5.0.conv1.weight of shape (3, 4)");
            assertThatThrownBy(() -> WeightImport.loadBackbone(net, shape)).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("tensor conv1.weight has shape (64, 1, 7, 7) but expected (64, 3, 7, 7)");
            assertThatThrownBy(() -> WeightImport.loadAll(net, resnet18)).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("missing tensor fracture.weight").hasMessageContaining("extra tensor fc.weight");
            Path notSafetensors = tmp.resolve("x.safetensors");
            Files.writeString(notSafetensors, "hello");
            assertThatThrownBy(() -> WeightImport.loadBackbone(net, notSafetensors)).isInstanceOf(ModelArtifactException.class)
                    .hasMessageContaining("x.safetensors");
        }
    }

    @Test
    void exportedWeightsLoadBackIntoAFreshNetwork() throws IOException {
        Path file = tmp.resolve("w.safetensors");
        try (Model a = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu());
             Model b = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu())) {
            String sha = WeightExport.save(a.getBlock(), file);
            assertThat(sha).isEqualTo(ModelArtifact.sha256(Files.readAllBytes(file)));
            ImportReport r = WeightImport.loadAll(b.getBlock(), file);
            assertThat(r.loaded()).containsExactlyInAnyOrderElementsOf(WeightExport.parameters(a.getBlock()).keySet());
            assertThat(r.loaded()).contains("features.conv0.weight", "features.norm5.running_mean", "mil.weight", "mil.bias");
            WeightExport.parameters(a.getBlock()).forEach((name, p) -> assertThat(
                    WeightExport.parameters(b.getBlock()).get(name).getArray().toFloatArray())
                    .as(name).containsExactly(p.getArray().toFloatArray()));
        }
    }

    @Test
    void acceptsDataParallelAndLegacyDenseNetNames() {
        assertThat(TorchNames.normalise("module.layer1.0.conv1.weight")).isEqualTo("layer1.0.conv1.weight");
        assertThat(TorchNames.normalise("features.denseblock1.denselayer1.norm.1.running_var"))
                .isEqualTo("features.denseblock1.denselayer1.norm1.running_var");
        assertThat(TorchNames.normalise("features.denseblock2.denselayer3.conv.2.weight"))
                .isEqualTo("features.denseblock2.denselayer3.conv2.weight");
    }

    private static NDList drop(NDList l, String name) {
        NDList out = new NDList();
        for (NDArray a : l) if (!a.getName().equals(name)) out.add(a);
        return out;
    }

    private Path rewrite(String name, UnaryOperator<NDList> edit) throws IOException {
        Path out = tmp.resolve(name + ".safetensors");
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu()); InputStream in = Files.newInputStream(resnet18);
             OutputStream os = Files.newOutputStream(out)) {
            NDList l = edit.apply(NDList.decode(nd, in));
            l.encode(os, NDList.Encoding.SAFETENSORS);
        }
        return out;
    }
}
