package io.pxrcad.train;

import io.pxrcad.ProgressListener;
import io.pxrcad.Radiograph;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.infer.ImageClassifier;
import io.pxrcad.artifact.Architecture;
import io.pxrcad.model.Baseline;
import io.pxrcad.artifact.ModelArtifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineTrainingTest {
    @Test
    void presetsPickTheBaselineFamilyAtTheirScale() {
        assertThat(BaselineTraining.backbone(Preset.PAPER, Baseline.CHEXNET)).isEqualTo(Architecture.DENSENET121);
        assertThat(BaselineTraining.backbone(Preset.PAPER, Baseline.RESNET18_LSE)).isEqualTo(Architecture.RESNET18);
        assertThat(BaselineTraining.backbone(Preset.TINY, Baseline.WANG)).isEqualTo(Architecture.TINY_VGG);
        assertThat(BaselineTraining.backbone(Preset.TINY, Baseline.RESNET18_GAP)).isEqualTo(Architecture.SMALL_INPUT_RESNET);
    }

    @Test
    void trainsSavesAOneNetworkArtifactAndResumesWithoutTrainingAgain(@TempDir Path dir) throws Exception {
        HeldOutCohort cohort = HeldOutCohort.write(dir.resolve("c"), 96, 40, 5);
        Manifest m = cohort.manifest();
        List<ManifestEntry> train = cohort.train(), val = cohort.val();
        TrainConfig cfg = Preset.TINY.config().withImageSize(96).withEpochs(2).withNumWorkers(1);
        BaselineTraining.Plan plan = BaselineTraining.Plan.of(Preset.TINY, Baseline.WANG).withConfig(cfg).withDevice("cpu");
        Path run = dir.resolve("run");
        BaselineTraining.Result r = BaselineTraining.run(m, train, val, Baseline.WANG, plan, run, false, ProgressListener.NONE);
        assertThat(r.artifact().metadata().info().method()).isEqualTo("wang");
        assertThat(r.artifact().metadata().networks()).containsOnlyKeys(ModelArtifact.MODEL);
        assertThat(r.valAuc()).isBetween(0.0, 1.0);
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);

        List<Radiograph> images = new ArrayList<>();
        for (ManifestEntry e : val) images.add(ImageReaders.read(m.resolve(e)));
        float[] first;
        try (ImageClassifier c = ImageClassifier.load(run.resolve("model"), "cpu")) {
            first = c.score(images);
            assertThat(first).hasSize(val.size());
            for (float p : first) assertThat(p).isBetween(0f, 1f);
            // the classifier sees what validation saw during training (same preprocessing and weights)
            int[] labels = val.stream().mapToInt(ManifestEntry::label).toArray();
            assertThat(Auc.of(first, labels)).isCloseTo(r.valAuc(), org.assertj.core.data.Offset.offset(0.02));
            assertThat(c.score(images.subList(0, 1))[0]).isCloseTo(first[0], org.assertj.core.data.Offset.offset(1e-5f));
        }
        // resume of a finished run: no further epoch, same best weights
        BaselineTraining.Result again = BaselineTraining.run(m, train, val, Baseline.WANG, plan, run, true, ProgressListener.NONE);
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(again.valAuc()).isEqualTo(r.valAuc());
    }
}
