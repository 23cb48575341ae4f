package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelMetadata;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.artifact.FeatureStatistics;

import io.pxrcad.image.PreprocessConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelArtifactTest {
    @TempDir
    Path tmp;

    private static ArtifactInfo info() {
        return new ArtifactInfo("two-stage", PreprocessConfig.ofSize(64), 17, 32, null, null, Map.of("fold", "1"));
    }

    private static float[] run(Model m, NDArray x, int output) {
        NDManager nd = x.getManager();
        return m.getBlock().forward(new ParameterStore(nd, false), new NDList(x), false).get(output).toFloatArray();
    }

    /** Random non-trivial weights and BN statistics so that a mix-up of tensors would show. */
    private static void scramble(Model m) {
        Random rnd = new Random(5);
        TorchNames.of(m.getBlock()).values().forEach(p -> {
            NDArray a = p.getArray();
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) v[i] = p.getType().name().contains("VAR") ? 0.5f + rnd.nextFloat() : (float) rnd.nextGaussian() * 0.3f;
            a.set(v);
        });
    }

    @Test
    void saveThenLoadGivesIdenticalOutputsAndMetadata() throws IOException {
        Path dir = tmp.resolve("artifact");
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu());
             Model s2 = Networks.stage2(NetworkConfig.stage2(Architecture.TINY_RESNET, true), Device.cpu());
             NDManager nd = TorchEngine.newManager(ai.djl.Device.cpu())) {
            scramble(s1);
            scramble(s2);
            Map<String, Network> nets = new LinkedHashMap<>();
            nets.put(ModelArtifact.STAGE1, Networks.network(s1));
            nets.put(ModelArtifact.STAGE2, Networks.network(s2));
            ModelArtifact saved = TorchModels.save(dir, info(), nets);

            ModelArtifact loaded = ModelArtifact.load(dir);
            // the version names model.json's content: the same on load as on save, new when it changes
            assertThat(loaded.version()).isEqualTo(saved.version()).matches("[0-9a-f]{16}");
            assertThat(loaded.version()).isEqualTo(ModelArtifact.sha256(Files.readAllBytes(dir.resolve("model.json"))).substring(0, 16));
            ModelMetadata meta = loaded.metadata();
            assertThat(meta.info()).isEqualTo(info().withThresholds(ArtifactInfo.Thresholds.UNKNOWN));
            assertThat(meta.info().pHat()).isNull();
            assertThat(meta.lseR()).isEqualTo(10f);
            assertThat(meta.networks().get("stage2").config()).isEqualTo(NetworkConfig.stage2(Architecture.TINY_RESNET, true));
            assertThat(meta.versions()).containsKeys("pxrcad", "djl", "pytorch", "java");
            assertThat(Files.readString(dir.resolve("MODEL.md"))).contains("tiny-densenet", meta.networks().get("stage1").sha256());
            try (Model l1 = TorchModels.load(loaded, ModelArtifact.STAGE1, Device.cpu());
                 Model l2 = TorchModels.load(loaded, ModelArtifact.STAGE2, Device.cpu())) {
                NDArray x = nd.randomNormal(new Shape(2, 3, 64, 96));
                assertThat(run(l1, x, 1)).containsExactly(run(s1, x, 1));
                assertThat(run(l1, x, 0)).containsExactly(run(s1, x, 0));
                assertThat(run(l2, x, 0)).containsExactly(run(s2, x, 0));
                assertThat(run(l2, x, 1)).containsExactly(run(s2, x, 1));
            }
            // saving again replaces the artifact atomically, with new metadata
            TorchModels.save(dir, info().withPHat(0.25), Map.of(ModelArtifact.STAGE1, Networks.network(s1)));
            assertThat(ModelArtifact.load(dir).metadata().info().pHat()).isEqualTo(0.25);
            assertThat(dir.resolve("stage2.safetensors")).doesNotExist();
            try (var s = Files.list(tmp)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("artifact");
            }
        }
    }

    /**
     * libtorch records gradients per thread and DJL turns that off only on the engine's first
     * thread: loading on another (a Spark task, a server worker) once failed with "a leaf Variable
     * that requires grad is being used in an in-place operation".
     */
    @Test
    void loadsOnAThreadOtherThanTheOneThatStartedTheEngine() throws Exception {
        Path dir = tmp.resolve("artifact");
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu());
             NDManager nd = TorchEngine.newManager(Device.cpu())) {
            scramble(s1);
            TorchModels.save(dir, info(), Map.of(ModelArtifact.STAGE1, Networks.network(s1)));
            NDArray x = nd.randomNormal(new Shape(1, 3, 64, 64));
            float[] expected = run(s1, x, 1);
            float[][] got = new float[1][];
            Throwable[] failure = new Throwable[1];
            Thread other = new Thread(() -> {
                try (Model l1 = TorchModels.load(ModelArtifact.load(dir), ModelArtifact.STAGE1, Device.cpu());
                     NDManager own = TorchEngine.newManager(Device.cpu())) {
                    got[0] = run(l1, own.create(x.toFloatArray(), x.getShape()), 1);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.start();
            other.join();
            assertThat(failure[0]).isNull();
            assertThat(got[0]).containsExactly(expected);
        }
    }

    @Test
    void aChangedOrTruncatedWeightFileIsRefused() throws IOException {
        Path dir = tmp.resolve("a");
        try (Model m = Networks.newModel(new NetworkConfig(NetworkConfig.Role.BASELINE_LSE, Architecture.TINY_RESNET, 5f, false), Device.cpu())) {
            TorchModels.save(dir, new ArtifactInfo("resnet18-lse", PreprocessConfig.ofSize(64), null, null, null, null, null),
                    Map.of(ModelArtifact.MODEL, Networks.network(m)));
        }
        Path weights = dir.resolve("model.safetensors");
        byte[] good = Files.readAllBytes(weights);
        byte[] bad = good.clone();
        bad[bad.length - 3] ^= 0x01;
        Files.write(weights, bad);
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("SHA-256");
        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("changed or truncated");
        Files.write(weights, good);
        assertThat(ModelArtifact.load(dir).metadata().lseR()).isEqualTo(5f);
        Files.writeString(dir.resolve("model.json"), "{ not json");
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("model.json");
        assertThatThrownBy(() -> ModelArtifact.load(tmp.resolve("nothing"))).isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("not a model artifact");
    }

    @Test
    void featureStatisticsTravelInModelJsonAndBadOnesAreRefused() throws IOException {
        Path dir = tmp.resolve("scope");
        FeatureStatistics stats = FeatureStatistics.fit(FeatureStatistics.POOLED_STAGE1,
                java.util.List.of(new float[] {1, 2, 3}, new float[] {2, 2, 5}, new float[] {0, 1, 4}), java.util.List.of(new float[] {1, 1, 4}));
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu())) {
            TorchModels.save(dir, info().withFeatureStatistics(stats), Map.of(ModelArtifact.STAGE1, Networks.network(s1)));
        }
        assertThat(ModelArtifact.load(dir).metadata().info().featureStatistics()).isEqualTo(stats);
        assertThat(ModelArtifact.load(dir).metadata().info().withPHat(0.5).featureStatistics()).isEqualTo(stats);
        String json = Files.readString(dir.resolve("model.json"));
        Files.writeString(dir.resolve("model.json"), json.replace("\"meanVariance\" : ", "\"meanVariance\" : -"));
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("model.json").hasMessageContaining("feature mean variance must be > 0");
    }
}
