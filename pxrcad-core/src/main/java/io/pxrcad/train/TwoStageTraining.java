package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.image.Augmenter;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.MapCache;
import io.pxrcad.mining.MiningThreshold;
import io.pxrcad.mining.RoiGeometry;
import io.pxrcad.mining.RoiSampler;
import io.pxrcad.mining.TrainingMap;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.FeatureStatistics;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.model.Backbones;
import io.pxrcad.model.Network;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.model.Networks;
import io.pxrcad.infer.TorchRunner;
import io.pxrcad.infer.TwoStageChain;
import io.pxrcad.model.TorchModels;
import io.pxrcad.model.WeightImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole two-stage method of METHOD.md on one training/validation split: stage 1, the
 * cached maps of the training images, {@code p_hat} at 99% training sensitivity, stage 2 on
 * mined ROIs, the operating thresholds on validation data, the statistics of the stage-1 features
 * for the out-of-scope check, and the model artifact in
 * {@code RUN/model}. Resumable: with {@code resume}, each stage continues from its last
 * checkpoint (a finished stage is not trained again).
 */
public final class TwoStageTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TwoStageTraining.class);

    /**
     * @param config       the schedule and sizes
     * @param stage1       stage-1 backbone
     * @param stage2       stage-2 backbone
     * @param pretrained1  ImageNet weights for the stage-1 backbone (safetensors), or null
     * @param pretrained2  ImageNet weights for the stage-2 backbone, or null
     * @param device       {@code auto}, {@code cpu}, {@code gpu0}, ...
     * @param cacheBytes   bound of the decoded-image cache
     */
    public record Plan(TrainConfig config, io.pxrcad.artifact.Architecture stage1, io.pxrcad.artifact.Architecture stage2,
                       Path pretrained1, Path pretrained2, String device, long cacheBytes) {
        public static Plan of(Preset preset) {
            return new Plan(preset.config(), preset.stage1(), preset.stage2(), null, null, "auto", 4L << 30);
        }

        public Plan withConfig(TrainConfig c) { return new Plan(c, stage1, stage2, pretrained1, pretrained2, device, cacheBytes); }

        public Plan withPretrained(Path p1, Path p2) { return new Plan(config, stage1, stage2, p1, p2, device, cacheBytes); }

        public Plan withDevice(String d) { return new Plan(config, stage1, stage2, pretrained1, pretrained2, d, cacheBytes); }
    }

    /** What a finished training reports. */
    public record Result(ModelArtifact artifact, double valAucStage1, double valAucTwoStage, float pHat,
                         double suspicious, double fracture) {}

    private TwoStageTraining() {}

    /** @param progress hears the batches of every epoch ({@link ProgressListener#NONE}: nothing shown) */
    public static Result run(Manifest manifest, List<ManifestEntry> train, List<ManifestEntry> val, Plan plan,
                             Path runDir, boolean resume, ProgressListener progress) throws IOException {
        TrainConfig cfg = plan.config();
        if (cfg.pseudoCells() && !(Backbones.spec(plan.stage1()) instanceof io.pxrcad.model.Vgg)) {
            throw new IllegalArgumentException("pseudoCells needs a VGG stage 1 (tiny-vgg) but the stage-1 backbone is "
                    + plan.stage1().id());
        }
        if (cfg.pseudoCells() && cfg.augment()) {
            throw new IllegalArgumentException("pseudoCells cannot follow affine augmentation: set augment: false (flips are fine)");
        }
        if (cfg.refineCellsAfter() > 0 && !cfg.pseudoCells()) {
            throw new IllegalArgumentException("refineCellsAfter re-chooses the cell targets of pseudoCells: set pseudoCells: true");
        }
        if (cfg.restartAfter() > 0 && !cfg.pseudoCells()) {
            throw new IllegalArgumentException("restartAfter starts stage 1 again on the cell targets of pseudoCells: set pseudoCells: true");
        }
        if (cfg.restartAfter() >= cfg.epochs()) {
            throw new IllegalArgumentException("restartAfter (" + cfg.restartAfter() + ") must be before the last epoch (" + cfg.epochs() + ")");
        }
        TrainingSetup setup = TrainingSetup.of(manifest, train, val, cfg, plan.device(), plan.cacheBytes(), runDir, progress);
        Device device = setup.device();
        Preprocessor pre = setup.preprocessor();
        Augmenter aug = setup.augmenter();
        ImageSource trainSrc = setup.train();
        ImageSource valSrc = setup.val();
        EpochLoop loop = setup.loop();
        LOG.info("training on {} images ({} positive), validating on {} ({} positive), {} px, device {}",
                train.size(), train.stream().filter(ManifestEntry::positive).count(), val.size(),
                val.stream().filter(ManifestEntry::positive).count(), cfg.imageSize(), device);

        NetworkConfig c1 = NetworkConfig.stage1(plan.stage1()).withLseR((float) cfg.lseR());
        NetworkConfig c2 = NetworkConfig.stage2(plan.stage2(), true);
        RoiGeometry geometry = RoiGeometry.forImageSize(cfg.imageSize(), cfg.roiFraction());
        try (Model m1 = Networks.stage1(c1, device); Model m2 = Networks.stage2(c2, device)) {
            pretrained(Networks.network(m1), plan.pretrained1());
            pretrained(Networks.network(m2), plan.pretrained2());
            // validation scores with the chain that prediction runs, on the networks being trained
            TwoStageChain chain = new TwoStageChain(pre, geometry, cfg.roiInput(), TorchRunner.borrow(m1),
                    TorchRunner.borrow(m2), cfg.chainRois());

            AnomalyCells cells = cfg.pseudoCells()
                    ? pseudoCells(Networks.network(m1), m1.getNDManager(), trainSrc, pre, cfg, runDir, resume) : null;
            Stage1.Scores trainS1;
            Stage1.Scores valS1;
            try (NetworkTrainer t1 = new NetworkTrainer(m1, (float) cfg.learningRate())) {
                CellRefinement refinement = cells != null && cfg.refineCellsAfter() > 0
                        ? new CellRefinement(cfg.refineCellsAfter(), runDir, resume, chain, trainSrc, cfg.imagesPerPass()) : null;
                loop.run(new Stage1(cfg, trainSrc, valSrc, pre, aug, chain, cells, refinement), t1, resume);
                trainS1 = Stage1.scores(chain, trainSrc, cfg.imagesPerPass());
                valS1 = Stage1.scores(chain, valSrc, cfg.imagesPerPass());
            }
            MapCache.write(runDir.resolve("maps").resolve("train.maps"), trainS1.maps());
            float pHat = MiningThreshold.of(positives(trainS1.ps1(), trainSrc), cfg.miningSensitivity());
            double aucS1 = Auc.of(valS1.ps1(), WholeImages.labels(valSrc));
            // the out-of-scope check's statistics, from the passes that just gave maps and scores
            FeatureStatistics scope = FeatureStatistics.fit(FeatureStatistics.POOLED_STAGE1, trainS1.features(), valS1.features());
            LOG.info("stage 1 done: validation AUC of ps1 {}, p_hat {} (99% training sensitivity); {}",
                    String.format("%.4f", aucS1), pHat, scope);

            List<TrainingMap> maps = new ArrayList<>();
            for (int i = 0; i < trainSrc.size(); i++) {
                ManifestEntry e = trainSrc.entry(i);
                maps.add(new TrainingMap(trainS1.maps().get(i), e.positive(), e.type().orElse(null)));
            }
            RoiSampler sampler = new RoiSampler(cfg.roisPerImage(), cfg.positiveRoisPerImage(), pHat, geometry, cfg.seed(), cfg.topRois());
            Stage2.Chained valChained;
            try (NetworkTrainer t2 = new NetworkTrainer(m2, (float) cfg.learningRate())) {
                loop.run(new Stage2(cfg, trainSrc, maps, valSrc, valS1, sampler, pre, aug, true, chain), t2, resume);
                valChained = Stage2.chained(chain, valSrc, valS1, cfg.roiBatchSize());
            }
            int[] valLabels = WholeImages.labels(valSrc);
            double aucTwo = Auc.of(valChained.probability(), valLabels);
            OperatingThresholds thresholds = OperatingThresholds.onValidation(valChained.probability(), valLabels);
            LOG.info("stage 2 done: validation AUC of ps1*ps2 {}; thresholds suspicious {} (95% recall), fracture {} (95% specificity)",
                    String.format("%.4f", aucTwo), thresholds.suspicious(), thresholds.fracture());

            Map<String, String> notes = TrainingSetup.runNotes(manifest, train.size(), val.size(), cfg);
            notes.put("valAucStage1", String.format("%.4f", aucS1));
            notes.put("valAucTwoStage", String.format("%.4f", aucTwo));
            ArtifactInfo info = new ArtifactInfo("two-stage", setup.preprocessing(),
                    geometry.roiSize(), cfg.roiInput(), (double) pHat, thresholds.forArtifact(), notes, scope,
                    cfg.chainRois() == 1 ? null : cfg.chainRois());
            Map<String, Network> nets = new LinkedHashMap<>();
            nets.put(ModelArtifact.STAGE1, Networks.network(m1));
            nets.put(ModelArtifact.STAGE2, Networks.network(m2));
            ModelArtifact artifact = TorchModels.save(runDir.resolve("model"), info, nets);
            LOG.info("model saved to {}", artifact.dir());
            return new Result(artifact, aucS1, aucTwo, pHat, thresholds.suspicious(), thresholds.fracture());
        }
    }

    /**
     * Stage 1's cell targets ({@link TrainConfig#pseudoCells()}) from the network as it starts (its
     * pretrained backbone, if any), kept in {@code RUN/pseudo-cells.tsv} so that a resumed run trains
     * on the same ones.
     */
    private static AnomalyCells pseudoCells(Network net, ai.djl.ndarray.NDManager nd, ImageSource src, Preprocessor pre,
                                            TrainConfig cfg, Path runDir, boolean resume) throws IOException {
        Path file = runDir.resolve(PSEUDO_CELLS);
        int mapSide = cfg.imageSize() / Backbones.spec(net.config().backbone()).stride();
        if (resume && java.nio.file.Files.exists(file)) {
            AnomalyCells kept = AnomalyCells.read(file, src.entries(), mapSide);
            LOG.info("stage 1 cell targets read from {}", file);
            return kept;
        }
        long t0 = System.nanoTime();
        long positives = src.entries().stream().filter(ManifestEntry::positive).count();
        LOG.info("stage 1 cell targets: comparing the early features of {} positive with {} negative training images",
                positives, src.size() - positives);
        AnomalyCells cells = AnomalyCells.of(net, nd, src, pre, mapSide, cfg.imagesPerPass(), cfg.normalCellShare());
        LOG.info("stage 1 cell targets: {} cells in each of {} positive images, chosen in {} s{}", AnomalyCells.PER_IMAGE,
                positives, String.format("%.0f", (System.nanoTime() - t0) / 1e9),
                cells.firstInBoxNote(src.entries(), MapStatistics.originalSizes(src)));
        cells.write(file, src.entries());
        return cells;
    }

    private static final String PSEUDO_CELLS = "pseudo-cells.tsv";

    private static void pretrained(Network net, Path file) {
        if (file != null) {
            LOG.info("{}: {}", net.config().role(), WeightImport.loadBackbone(net, file).summary());
        }
    }

    private static float[] positives(float[] ps1, ImageSource src) {
        int c = 0;
        for (int i = 0; i < src.size(); i++) if (src.entry(i).positive()) c++;
        float[] out = new float[c];
        int j = 0;
        for (int i = 0; i < src.size(); i++) if (src.entry(i).positive()) out[j++] = ps1[i];
        return out;
    }
}
