package io.pxrcad.train;

import ai.djl.Model;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.mining.RoiGeometry;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.model.Networks;
import io.pxrcad.model.TorchEngine;
import io.pxrcad.model.TorchModels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A two-stage artifact with a preset's networks, geometry and preprocessing at any input size, but
 * seeded random weights and no thresholds: what benchmarks time (the paper's networks at 961 px
 * take hours to train on a CPU, and their speed does not depend on the weights). Its results mean
 * nothing, and its notes say so.
 */
public final class UntrainedModel {
    private UntrainedModel() {}

    public static ModelArtifact save(Path dir, Preset preset, int imageSize, long seed) throws IOException {
        TrainConfig cfg = preset.config().withImageSize(imageSize);
        TorchEngine.seed(seed);
        NetworkConfig c1 = NetworkConfig.stage1(preset.stage1()).withLseR((float) cfg.lseR());
        NetworkConfig c2 = NetworkConfig.stage2(preset.stage2(), true);
        RoiGeometry geometry = RoiGeometry.forImageSize(imageSize, cfg.roiFraction());
        try (Model m1 = Networks.stage1(c1, TorchEngine.resolve("cpu")); Model m2 = Networks.stage2(c2, TorchEngine.resolve("cpu"))) {
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("untrained", "seeded random weights (seed " + seed + ") of the " + preset.id()
                    + " preset, for timing only: its scores mean nothing");
            ArtifactInfo info = new ArtifactInfo("two-stage", PreprocessConfig.ofSize(imageSize), geometry.roiSize(),
                    cfg.roiInput(), null, null, notes);
            return TorchModels.save(dir, info, Map.of(ModelArtifact.STAGE1, Networks.network(m1),
                    ModelArtifact.STAGE2, Networks.network(m2)));
        }
    }
}
