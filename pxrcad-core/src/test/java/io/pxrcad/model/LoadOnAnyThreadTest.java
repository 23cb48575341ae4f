package io.pxrcad.model;

import ai.djl.Device;
import ai.djl.Model;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.infer.Tensor;
import io.pxrcad.infer.TorchRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saved model loads and runs on any thread (a service's loader and workers, a Spark task), not
 * only on the one that started the engine: PyTorch's gradient mode is per thread and on by
 * default, DJL turns it off only on the engine's first thread, and copying weights in place into
 * parameters that record gradients fails while it is on.
 */
class LoadOnAnyThreadTest {
    @TempDir
    Path dir;

    @Test
    void aModelLoadedOnAnotherThreadGivesTheSameOutputs() throws Exception {
        ModelArtifact artifact;
        try (Model m = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_VGG), Device.cpu())) {
            artifact = TorchModels.save(dir.resolve("model"), new ArtifactInfo("two-stage", PreprocessConfig.ofSize(64), 17, 32,
                    null, null, Map.of()), Map.of(ModelArtifact.STAGE1, Networks.network(m)));
        }
        float[] x = new float[3 * 64 * 64];
        for (int i = 0; i < x.length; i++) x[i] = (i % 97) / 97f;
        Tensor input = new Tensor(x, new int[] {1, 3, 64, 64});
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (TorchRunner here = new TorchRunner(TorchModels.load(artifact, ModelArtifact.STAGE1, Device.cpu()))) {
            List<Tensor> expected = here.forward(input);
            List<Tensor> there = other.submit(() -> {
                try (TorchRunner r = new TorchRunner(TorchModels.load(artifact, ModelArtifact.STAGE1, Device.cpu()))) {
                    return r.forward(input);
                }
            }).get();
            assertThat(there).hasSameSizeAs(expected);
            for (int k = 0; k < expected.size(); k++) assertThat(there.get(k).data()).containsExactly(expected.get(k).data());
        } finally {
            other.shutdownNow();
        }
    }
}
