package io.pxrcad.train;

import io.pxrcad.model.TorchModels;

import ai.djl.Model;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.model.Baseline;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.model.Network;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.model.Networks;
import io.pxrcad.model.WeightImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Table 1 baseline (ResNet18-GAP, ResNet18-LSE, CheXNet, Wang et al.; METHOD.md
 * "Evaluation") on one training/validation split, with the same schedule, inputs and
 * checkpoint selection as stage 1 of the proposed method. Writes {@code RUN/model} with one
 * network ({@link ModelArtifact#MODEL}, {@code method} = the baseline id) and the operating
 * thresholds chosen on validation data. Resumable like {@link TwoStageTraining}.
 */
public final class BaselineTraining {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineTraining.class);

    /**
     * @param config     schedule and sizes (as for the two-stage method)
     * @param backbone   the feature extractor the baseline is built on
     * @param pretrained ImageNet weights for the backbone (safetensors), or null
     * @param device     {@code auto}, {@code cpu}, {@code gpu0}, ...
     * @param cacheBytes bound of the decoded-image cache
     */
    public record Plan(TrainConfig config, Architecture backbone, Path pretrained, String device, long cacheBytes) {
        public Plan {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(backbone, "backbone");
            Objects.requireNonNull(device, "device");
        }

        /**
         * The preset's schedule and the baseline's backbone family at the preset's scale: the
         * paper's DenseNet-121 / ResNet-18 for {@code paper}, the reduced networks of the
         * two-stage preset otherwise (so that every method of a comparison has the same capacity class).
         */
        public static Plan of(Preset preset, Baseline baseline) {
            return new Plan(preset.config(), BaselineTraining.backbone(preset, baseline), null, "auto", 4L << 30);
        }

        public Plan withConfig(TrainConfig c) { return new Plan(c, backbone, pretrained, device, cacheBytes); }

        public Plan withDevice(String d) { return new Plan(config, backbone, pretrained, d, cacheBytes); }

        public Plan withPretrained(Path p) { return new Plan(config, backbone, p, device, cacheBytes); }
    }

    /** What a finished training reports: validation AUC and the thresholds at 95% recall / 95% specificity. */
    public record Result(ModelArtifact artifact, double valAuc, double suspicious, double fracture) {}

    private BaselineTraining() {}

    /** The backbone of {@code baseline} at the scale of {@code preset} (DenseNet family -> stage 1's, ResNet -> stage 2's). */
    public static Architecture backbone(Preset preset, Baseline baseline) {
        if (preset == Preset.PAPER) return baseline.config().backbone();
        return baseline.config().backbone() == Architecture.DENSENET121 ? preset.stage1() : preset.stage2();
    }

    /** @param progress hears the batches of every epoch ({@link ProgressListener#NONE}: nothing shown) */
    public static Result run(Manifest manifest, List<ManifestEntry> train, List<ManifestEntry> val, Baseline baseline,
                             Plan plan, Path runDir, boolean resume, ProgressListener progress) throws IOException {
        TrainConfig cfg = plan.config();
        TrainingSetup setup = TrainingSetup.of(manifest, train, val, cfg, plan.device(), plan.cacheBytes(), runDir, progress);
        ImageSource valSrc = setup.val();
        NetworkConfig nc = baseline.config().withBackbone(plan.backbone()).withLseR((float) cfg.lseR());
        LOG.info("baseline {} on {}: training on {} images, validating on {}, {} px, device {}", baseline.id(),
                plan.backbone().id(), train.size(), val.size(), cfg.imageSize(), setup.device());
        try (Model model = Networks.newModel(nc, setup.device())) {
            Network net = Networks.network(model);
            if (plan.pretrained() != null) {
                LOG.info("{}: {}", baseline.id(), WeightImport.loadBackbone(net, plan.pretrained()).summary());
            }
            float[] valScores;
            try (NetworkTrainer t = new NetworkTrainer(model, (float) cfg.learningRate())) {
                setup.loop().run(new BaselineStage(cfg, setup.train(), valSrc, setup.preprocessor(), setup.augmenter()), t, resume);
                valScores = BaselineStage.scores(t, valSrc, setup.preprocessor(), cfg.imagesPerPass());
            }
            int[] labels = WholeImages.labels(valSrc);
            double auc = Auc.of(valScores, labels);
            OperatingThresholds thresholds = OperatingThresholds.onValidation(valScores, labels);
            LOG.info("baseline {} done: validation AUC {}", baseline.id(), String.format("%.4f", auc));
            Map<String, String> notes = TrainingSetup.runNotes(manifest, train.size(), val.size(), cfg);
            notes.put("valAuc", String.format("%.4f", auc));
            ArtifactInfo info = new ArtifactInfo(baseline.id(), setup.preprocessing(), null, null, null,
                    thresholds.forArtifact(), notes);
            ModelArtifact artifact = TorchModels.save(runDir.resolve("model"), info, Map.of(ModelArtifact.MODEL, net));
            LOG.info("model saved to {}", artifact.dir());
            return new Result(artifact, auc, thresholds.suspicious(), thresholds.fracture());
        }
    }
}
