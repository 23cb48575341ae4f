package io.pxrcad.onnx;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.model.TorchModels;
import io.pxrcad.model.WeightExport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Artifacts of freshly initialised networks whose batch norms are given random statistics and
 * affine parameters (a fresh network's are 1 and 0, which would make folding them trivially exact)
 * and whose heads get a random bias, saved as training saves them.
 */
final class RandomModels {
    private RandomModels() {}

    /** Saves {@code configs} (name -> configuration) with {@code info} into {@code dir}. */
    static ModelArtifact save(Path dir, ArtifactInfo info, Map<String, NetworkConfig> configs, long seed) throws IOException {
        List<Model> models = new ArrayList<>();
        try {
            Map<String, Network> nets = new LinkedHashMap<>();
            for (Map.Entry<String, NetworkConfig> e : configs.entrySet()) {
                Model m = Networks.newModel(e.getValue(), Device.cpu());
                models.add(m);
                Network n = Networks.network(m);
                randomise(n, seed + models.size());
                nets.put(e.getKey(), n);
            }
            return TorchModels.save(dir, info, nets);
        } finally {
            for (Model m : models) m.close();
        }
    }

    /** A two-stage artifact: stage 1 and 2 of {@code stage1}/{@code stage2}, images of {@code size} px. */
    static ModelArtifact twoStage(Path dir, NetworkConfig stage1, NetworkConfig stage2, int size, int roiSize, int roiInput)
            throws IOException {
        Map<String, NetworkConfig> c = new LinkedHashMap<>();
        c.put(ModelArtifact.STAGE1, stage1);
        c.put(ModelArtifact.STAGE2, stage2);
        return save(dir, info(size, roiSize, roiInput), c, 7);
    }

    static ArtifactInfo info(int size, int roiSize, int roiInput) {
        return new ArtifactInfo("two-stage", PreprocessConfig.ofSize(size), roiSize, roiInput, 0.4,
                new ArtifactInfo.Thresholds(0.2, 0.5), Map.of());
    }

    private static void randomise(Network n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        TorchEngine.withoutGradients(() -> {
            for (Map.Entry<String, Parameter> p : WeightExport.parameters(n).entrySet()) {
                String name = p.getKey();
                NDArray a = p.getValue().getArray();
                float[] v = a.toFloatArray();
                boolean bn = name.endsWith("running_var") || name.endsWith("running_mean")
                        || WeightExport.parameters(n).containsKey(name.replaceAll("(weight|bias)$", "running_var"));
                if (name.endsWith("running_var")) {
                    for (int i = 0; i < v.length; i++) v[i] = 0.5f + r.nextFloat() * 1.5f;
                } else if (name.endsWith("running_mean") || name.endsWith("bias")) {
                    for (int i = 0; i < v.length; i++) v[i] = (float) (0.1 * r.nextGaussian());
                } else if (bn && name.endsWith("weight")) {
                    for (int i = 0; i < v.length; i++) v[i] = 0.2f + 0.4f * r.nextFloat();
                } else {
                    continue;
                }
                a.subi(a).addi(a.getManager().create(v, a.getShape()));
            }
            return null;
        });
    }
}
