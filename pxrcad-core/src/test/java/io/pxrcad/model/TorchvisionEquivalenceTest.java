package io.pxrcad.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The networks against torchvision 0.28: seeded random weights (BN statistics randomised too) and
 * the outputs torchvision computed with them, from ../shared/testdata/reference.
 */
class TorchvisionEquivalenceTest {
    static final Path REF = Path.of(System.getProperty("pxrcad.root", "."), "..", "shared", "testdata", "reference");

    @Test
    void parameterCountsMatchTorchvision() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Block d = DenseNet.densenet121().classifier(1000);
            d.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            assertThat(Networks.parameterCount(d)).isEqualTo(7_978_856L);
            Block r = ResNet.resnet18().classifier(1000);
            r.initialize(m, DataType.FLOAT32, Networks.INIT_SHAPE);
            assertThat(Networks.parameterCount(r)).isEqualTo(11_689_512L);
        }
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
        try (Model model = Model.newInstance(name, ai.djl.Device.cpu(), "PyTorch")) {
            model.setBlock(classifier);
            classifier.initialize(model.getNDManager(), DataType.FLOAT32, Networks.INIT_SHAPE);
            ImportReport report = WeightImport.loadAll(classifier, REF.resolve(name + ".safetensors"));
            assertThat(report.loaded()).hasSize(TorchNames.of(classifier).size());
            Block features = ((GapClassifier) classifier).backbone();
            try (NDManager m = NDManager.newBaseManager("PyTorch"); InputStream in = Files.newInputStream(REF.resolve(name + "_io.safetensors"))) {
                NDList io = NDList.decode(m, in);
                for (String size : new String[] {"224", "96x128"}) {
                    NDArray x = io.get("input_" + size);
                    ParameterStore ps = new ParameterStore(m, false);
                    assertClose(features.forward(ps, new NDList(x), false).head(), io.get("features_" + size), name + " features " + size);
                    assertClose(classifier.forward(ps, new NDList(x), false).head(), io.get("logits_" + size), name + " logits " + size);
                }
            }
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
