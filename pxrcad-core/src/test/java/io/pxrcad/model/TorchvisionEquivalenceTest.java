package io.pxrcad.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.pxrcad.RepoTestdata;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The networks against torchvision 0.28: weights from a seeded formula ({@link FormulaWeights}; BN
 * parameters and statistics too, so eval-mode batch norm is not an identity) and the outputs
 * torchvision computed with them, from {@code testdata/reference/*_formula_io.safetensors}.
 */
class TorchvisionEquivalenceTest {
    static final Path REF = RepoTestdata.resolve("reference");

    @Test
    void parameterCountsMatchTorchvision() {
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu())) {
            Block d = DenseNet.densenet121().classifier(1000);
            d.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            assertThat(Networks.parameterCount(d)).isEqualTo(7_978_856L);
            Block r = ResNet.resnet18().classifier(1000);
            r.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            assertThat(Networks.parameterCount(r)).isEqualTo(11_689_512L);
        }
    }

    /** The formula against the first values torchvision's side computed ({@code probe:<name>}), before any network. */
    @Test
    void formulaMatchesTheProbes() throws IOException {
        checkProbes(DenseNet.densenet121().classifier(1000), "densenet121");
        checkProbes(ResNet.resnet18().classifier(1000), "resnet18");
    }

    @Test
    void denseNet121MatchesTorchvision() throws IOException {
        check(DenseNet.densenet121().classifier(1000), "densenet121");
    }

    @Test
    void resNet18MatchesTorchvision() throws IOException {
        check(ResNet.resnet18().classifier(1000), "resnet18");
    }

    private static void check(Block classifier, String name) throws IOException {
        try (Model model = Model.newInstance(name, ai.djl.Device.cpu(), TorchEngine.NAME)) {
            model.setBlock(classifier);
            classifier.initialize(model.getNDManager(), DataType.FLOAT32, Networks.INIT_SHAPE);
            Path io = io(name);
            byte[] stateDict = FormulaWeights.fromMetadata(io).stateDict(classifier);
            ImportReport report = WeightImport.loadAll(classifier, stateDict, name + " formula weights");
            assertThat(report.loaded()).hasSize(TorchNames.of(classifier).size());
            Block features = ((GapClassifier) classifier).backbone();
            try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu()); InputStream in = Files.newInputStream(io)) {
                NDList ref = NDList.decode(m, in);
                for (String size : new String[] {"224", "96x128"}) {
                    NDArray x = ref.get("input_" + size);
                    ParameterStore ps = new ParameterStore(m, false);
                    assertClose(features.forward(ps, new NDList(x), false).head(), ref.get("features_" + size), name + " features " + size);
                    assertClose(classifier.forward(ps, new NDList(x), false).head(), ref.get("logits_" + size), name + " logits " + size);
                }
            }
        }
    }

    /** The reference inputs and outputs for {@code name}'s formula weights. */
    static Path io(String name) {
        return REF.resolve(name + "_formula_io.safetensors");
    }

    private static void checkProbes(Block classifier, String name) throws IOException {
        try (NDManager m = TorchEngine.newManager(ai.djl.Device.cpu()); InputStream in = Files.newInputStream(io(name))) {
            classifier.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            Map<String, Parameter> params = TorchNames.of(classifier);
            FormulaWeights formula = FormulaWeights.fromMetadata(io(name));
            int probes = 0;
            for (NDArray probe : NDList.decode(m, in)) {
                if (!probe.getName().startsWith("probe:")) continue;
                String tensor = probe.getName().substring("probe:".length());
                assertThat(params).as(name + " has " + tensor).containsKey(tensor);
                float[] expected = probe.toFloatArray();
                assertThat(formula.values(tensor, params.get(tensor).getArray().getShape(), expected.length))
                        .as(name + " " + probe.getName()).containsExactly(expected);
                probes++;
            }
            assertThat(probes).as(name + " probes").isGreaterThanOrEqualTo(3);
        }
    }

    static void assertClose(NDArray actual, NDArray expected, String what) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.getShape());
        NDArray err = actual.sub(expected).abs();
        float max = err.max().getFloat();
        float mean = err.mean().getFloat();
        assertThat(max).as(what + " max abs error").isLessThanOrEqualTo(1e-3f);
        assertThat(mean).as(what + " mean abs error").isLessThanOrEqualTo(1e-5f);
    }
}
