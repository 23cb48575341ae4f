package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.image.AugmentConfig;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every training (two-stage or baseline) sets up the same way from its inputs: the checked
 * train/validation parts, the device, the seeded engine, preprocessing and augmentation, the two
 * image sources (sharing the cache budget) and the epoch loop writing into the run folder.
 */
record TrainingSetup(Device device, PreprocessConfig preprocessing, Preprocessor preprocessor, Augmenter augmenter,
                     ImageSource train, ImageSource val, EpochLoop loop) {

    static TrainingSetup of(Manifest manifest, List<ManifestEntry> train, List<ManifestEntry> val, TrainConfig cfg,
                            String deviceSpec, long cacheBytes, Path runDir, ProgressListener progress) {
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("training needs images in both parts but train has " + train.size()
                    + " and validation " + val.size());
        }
        if (train.stream().noneMatch(ManifestEntry::positive) || train.stream().allMatch(ManifestEntry::positive)) {
            throw new IllegalArgumentException("the training part needs both positive and negative images");
        }
        Device device = io.pxrcad.model.TorchEngine.resolve(deviceSpec);
        io.pxrcad.model.TorchEngine.seed(cfg.seed());
        PreprocessConfig pc = PreprocessConfig.ofSize(cfg.imageSize());
        Preprocessor pre = new Preprocessor(pc);
        Augmenter aug = new Augmenter((cfg.augment() ? new AugmentConfig() : AugmentConfig.none())
                .withHorizontalFlip(cfg.flip() ? 0.5 : 0));
        return new TrainingSetup(device, pc, pre, aug,
                new ImageSource(manifest, train, pre, cacheBytes / 2), new ImageSource(manifest, val, pre, cacheBytes / 2, true),
                new EpochLoop(cfg, new CheckpointStore(runDir), MetricsLog.inRun(runDir), progress));
    }

    /** The artifact notes every training records: data provenance, sizes, seed and epochs (insertion-ordered, mutable). */
    static Map<String, String> runNotes(Manifest manifest, int trainImages, int valImages, TrainConfig cfg) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("manifest", manifest.file().getFileName().toString());
        notes.put("manifestSha256", manifest.sha256());
        notes.put("trainImages", Integer.toString(trainImages));
        notes.put("valImages", Integer.toString(valImages));
        notes.put("seed", Long.toString(cfg.seed()));
        notes.put("epochs", Integer.toString(cfg.epochs()));
        return notes;
    }
}
