package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.mining.RoiGeometry;
import io.pxrcad.model.Network;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.model.TorchModels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A two-stage model of a preset's networks with seeded initial weights, saved as training saves
 * one: what benchmarks time when no trained model is at hand (the cost of a network does not
 * depend on its weights).
 */
public final class UntrainedModel {
    private UntrainedModel() {}

    /** Saves the model for {@code imageSize}-px images (ROI size and input as the preset's) into {@code dir}. */
    public static ModelArtifact save(Preset preset, int imageSize, Path dir, long seed) throws IOException {
        TrainConfig cfg = preset.config().withImageSize(imageSize);
        TorchEngine.seed(seed);
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(preset.stage1()), Device.cpu());
             Model s2 = Networks.stage2(NetworkConfig.stage2(preset.stage2(), true), Device.cpu())) {
            Map<String, Network> nets = new LinkedHashMap<>();
            nets.put(ModelArtifact.STAGE1, Networks.network(s1));
            nets.put(ModelArtifact.STAGE2, Networks.network(s2));
            int roiSize = RoiGeometry.forImageSize(imageSize, cfg.roiFraction()).roiSize();
            ArtifactInfo info = new ArtifactInfo("two-stage", io.pxrcad.image.PreprocessConfig.ofSize(imageSize), roiSize, cfg.roiInput(), null, null,
                    Map.of("notes", "untrained " + preset.id() + " networks (seed " + seed + ") for benchmarks"));
            return TorchModels.save(dir, info, nets);
        }
    }
}
