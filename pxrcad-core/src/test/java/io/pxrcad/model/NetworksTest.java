package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworksTest {
    private static NDList forward(Model m, NDArray x) {
        return m.getBlock().forward(new ParameterStore(x.getManager(), false), new NDList(x), false);
    }

    private static NDList trainingForward(Model m, NDArray x) {
        return m.getBlock().forward(new ParameterStore(x.getManager(), false), new NDList(x), true);
    }

    private static void assertProbabilities(NDArray a) {
        for (float v : a.toFloatArray()) assertThat(v).isBetween(0f, 1f);
    }

    /**
     * The stage-1 network's third output (the out-of-scope check's features) is the backbone map
     * averaged over a 2x2 grid, and the map beside it is still sigmoid(1x1 convolution of that
     * backbone map): computed here by hand from the weights.
     */
    @Test
    void stage1FeaturesAreGridMeansOfTheBackboneMapAndTheProbabilityMapIsUnchanged() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu());
             Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu())) {
            NDArray x = nd.randomNormal(new Shape(2, 3, 96, 128));
            NDList y = forward(m, x);
            NDArray f = Networks.network(m).backbone().forward(new ParameterStore(nd, false), new NDList(x), false).head();
            assertThat(f.getShape()).isEqualTo(new Shape(2, 32, 3, 4));
            float[] fv = f.toFloatArray();
            var params = WeightExport.parameters(m.getBlock());
            float[] w = params.get("mil.weight").getArray().toFloatArray();
            float b = params.get("mil.bias").getArray().toFloatArray()[0];
            float[] map = y.get(1).toFloatArray();
            float[] pooled = y.get(2).toFloatArray();
            assertThat(y.get(2).getShape()).isEqualTo(new Shape(2, 32 * MilFcn.GRID * MilFcn.GRID));
            // adaptive bins of 3 rows -> [0,2), [1,3); of 4 columns -> [0,2), [2,4)
            int[][] rows = {{0, 2}, {1, 3}}, cols = {{0, 2}, {2, 4}};
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        double z = b;
                        for (int c = 0; c < 32; c++) z += w[c] * fv[((n * 32 + c) * 3 + i) * 4 + j];
                        assertThat((double) map[(n * 3 + i) * 4 + j]).isCloseTo(1 / (1 + Math.exp(-z)), org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
                for (int c = 0; c < 32; c++) {
                    for (int gi = 0; gi < 2; gi++) {
                        for (int gj = 0; gj < 2; gj++) {
                            double sum = 0;
                            int cells = 0;
                            for (int i = rows[gi][0]; i < rows[gi][1]; i++) {
                                for (int j = cols[gj][0]; j < cols[gj][1]; j++) {
                                    sum += fv[((n * 32 + c) * 3 + i) * 4 + j];
                                    cells++;
                                }
                            }
                            assertThat((double) pooled[n * 128 + c * 4 + gi * 2 + gj]).as("n %d c %d cell %d,%d", n, c, gi, gj)
                                    .isCloseTo(sum / cells, org.assertj.core.api.Assertions.within(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyRoleGivesItsDocumentedOutputs() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = nd.randomNormal(new Shape(2, 3, 96, 128));
            try (Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu())) {
                NDList y = forward(m, x);
                assertThat(y.get(0).getShape()).isEqualTo(new Shape(2, 1));
                assertThat(y.get(1).getShape()).isEqualTo(new Shape(2, 1, 3, 4));
                assertProbabilities(y.get(1));
                float[] map = y.get(1).get(0).toFloatArray();
                assertThat(y.get(0).getFloat(0, 0)).isCloseTo(LsePooling.lse(map, 10f), org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(Networks.network(m).backbone().channels()).isEqualTo(32);
            }
            try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.TINY_RESNET, true), Device.cpu())) {
                NDList y = forward(m, x);
                assertThat(y.size()).isEqualTo(2);
                assertThat(y.get(1).getShape()).isEqualTo(new Shape(2, 1));
                assertProbabilities(y.get(0));
                assertProbabilities(y.get(1));
            }
            try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.TINY_RESNET, false), Device.cpu())) {
                assertThat(forward(m, x).size()).isEqualTo(1);
            }
            for (Baseline b : Baseline.values()) {
                NetworkConfig c = b.config().withBackbone(b.config().backbone() == Architecture.DENSENET121
                        ? Architecture.TINY_DENSENET : Architecture.TINY_RESNET);
                try (Model m = Networks.newModel(c, Device.cpu())) {
                    NDList y = forward(m, x);
                    assertThat(y.size()).as(b.id()).isEqualTo(1);
                    assertThat(y.get(0).getShape()).isEqualTo(new Shape(2, 1));
                    assertProbabilities(y.get(0));
                }
            }
        }
    }

    /** The reduced presets' networks: documented sizes, strides and parameter names. */
    @Test
    void smallInputNetworksKeepFineDetailAndHaveStableNames() {
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = nd.randomNormal(new Shape(2, 3, 128, 128));
            try (Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_VGG), Device.cpu())) {
                assertThat(Networks.parameterCount(Networks.network(m).backbone())).isEqualTo(147_240);
                assertThat(forward(m, x).get(1).getShape()).isEqualTo(new Shape(2, 1, 4, 4)); // stride 32
                assertThat(WeightExport.parameters(m.getBlock())).containsKeys("stage1.conv1.weight",
                        "stage1.bn1.running_var", "stage5.conv2.weight", "mil.weight", "mil.bias");
            }
            try (Model m = Networks.stage2(NetworkConfig.stage2(Architecture.SMALL_INPUT_RESNET, true), Device.cpu())) {
                Backbone b = Networks.network(m).backbone();
                assertThat(Networks.parameterCount(b)).isEqualTo(77_352);
                NDArray roi = nd.randomNormal(new Shape(2, 3, 32, 32));
                assertThat(b.forward(new ParameterStore(nd, false), new NDList(roi), false).head().getShape())
                        .isEqualTo(new Shape(2, 64, 4, 4)); // stride 8: no ImageNet stem
                assertThat(WeightExport.parameters(m.getBlock())).containsKeys("conv1.weight", "layer4.0.downsample.0.weight");
            }
        }
    }

    /**
     * A fresh network's outputs at the first training step (batch norm on batch statistics) start
     * near 0.5, not saturated: with the backbones' Kaiming fan-out
     * initialisation a one-output head would get weights of standard deviation sqrt(2), logits of
     * several units and a MIL map of zeros and ones, through which BCE passes almost no gradient.
     * Each output within (0.02, 0.98), |logit| < 3.9, and their median within [0.25, 0.75]. A bound of
     * [0.1, 0.9] per cell held for one draw only: over five seeds one of 64 cells fell just outside
     * it (0.097, 0.914) twice; the saturated heads this guards against gave cells of 0 and 1.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void headsStartUnsaturated(int seed) {
        // seeded: the weights and input must not depend on which tests drew random numbers before
        TorchEngine.engine().setRandomSeed(seed);
        try (NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = nd.randomNormal(new Shape(4, 3, 128, 128));
            for (Architecture a : new Architecture[] {Architecture.TINY_DENSENET, Architecture.TINY_RESNET, Architecture.TINY_VGG}) {
                try (Model s1 = Networks.stage1(NetworkConfig.stage1(a), Device.cpu());
                     Model s2 = Networks.stage2(NetworkConfig.stage2(a, true), Device.cpu())) {
                    float[] map = trainingForward(s1, x).get(1).toFloatArray();
                    assertUnsaturated(map, a + " map cell");
                    for (NDArray out : trainingForward(s2, x)) assertUnsaturated(out.toFloatArray(), a + " stage-2 output");
                }
            }
        }
    }

    private static void assertUnsaturated(float[] p, String what) {
        for (float v : p) assertThat(v).as(what).isStrictlyBetween(0.02f, 0.98f);
        float[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        assertThat(sorted[sorted.length / 2]).as(what + " median").isBetween(0.25f, 0.75f);
    }

    /**
     * Training through the per-stage memory scopes (and the dense layers' early closing of
     * intermediates) keeps the autograd graph intact: every gradient equals the one computed with
     * all intermediates kept alive.
     */
    @Test
    void scopedTrainingGivesTheSameGradientsAsUnscoped() {
        try (Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu());
             NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = nd.randomNormal(new Shape(4, 3, 64, 64));
            NDArray y = nd.create(new float[] {1, 0, 1, 0}, new Shape(4, 1));
            var params = WeightExport.parameters(m.getBlock());
            params.values().stream().filter(p -> p.requiresGradient()).forEach(p -> p.getArray().setRequiresGradient(true));
            java.util.Map<String, float[]> scoped = gradients(m, x, y);
            boolean before = Scoped.enabled;
            Scoped.enabled = false;
            java.util.Map<String, float[]> plain;
            try {
                plain = gradients(m, x, y);
            } finally {
                Scoped.enabled = before;
            }
            assertThat(scoped.keySet()).hasSize((int) params.values().stream().filter(p -> p.requiresGradient()).count()).contains("mil.weight");
            for (String name : plain.keySet()) {
                float[] a = scoped.get(name);
                float[] b = plain.get(name);
                double norm = 0;
                for (float v : b) norm = Math.max(norm, Math.abs(v));
                assertThat(norm).as(name).isGreaterThan(0);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) a[i]).as(name + "[" + i + "]").isCloseTo(b[i], org.assertj.core.api.Assertions.within(1e-4 * norm + 1e-7));
                }
            }
        }
    }

    private static java.util.Map<String, float[]> gradients(Model m, NDArray x, NDArray y) {
        java.util.Map<String, float[]> out = new java.util.TreeMap<>();
        try (NDManager step = x.getManager().newSubManager()) {
            NDList in = new NDList(x);
            in.tempAttach(step);
            try (ai.djl.training.GradientCollector gc = TorchEngine.engine().newGradientCollector()) {
                gc.zeroGradients();
                gc.backward(Losses.bce(m.getBlock().forward(new ParameterStore(step, false), in, true).head(), y));
            }
            WeightExport.parameters(m.getBlock()).forEach((name, p) -> {
                if (p.requiresGradient()) out.put(name, p.getArray().getGradient().toFloatArray());
            });
        }
        return out;
    }

    @Test
    void paperBaselinesUseThePaperBackbones() {
        assertThat(Baseline.CHEXNET.config()).isEqualTo(new NetworkConfig(NetworkConfig.Role.BASELINE_GAP, Architecture.DENSENET121, 10f, false));
        assertThat(Baseline.WANG.config().role()).isEqualTo(NetworkConfig.Role.BASELINE_LSE);
        assertThat(Baseline.RESNET18_LSE.config().backbone()).isEqualTo(Architecture.RESNET18);
        assertThat(Baseline.fromId("resnet18-gap")).isEqualTo(Baseline.RESNET18_GAP);
    }

    @Test
    void invalidConfigurationsSayWhatWasExpected() {
        assertThatThrownBy(() -> Architecture.fromId("vgg16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("densenet121|resnet18|tiny-densenet|tiny-resnet").hasMessageContaining("vgg16");
        assertThatThrownBy(() -> NetworkConfig.stage1(Architecture.RESNET18).withLseR(0f))
                .hasMessageContaining("lseR must be finite and > 0 but was 0.0");
        assertThatThrownBy(() -> new NetworkConfig(NetworkConfig.Role.STAGE1_MIL, Architecture.RESNET18, 10f, true))
                .hasMessageContaining("typeOutput");
        assertThatThrownBy(() -> Networks.stage1(NetworkConfig.stage2(Architecture.TINY_RESNET, false), Device.cpu()))
                .hasMessageContaining("expected a stage1-mil configuration but was stage2-roi");
    }
}
